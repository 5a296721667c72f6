import type { Hono } from "hono";
import type { AppEnv } from "../api/env.ts";
import { registerDatasetPages } from "./pages/dataset-page.tsx";
import { registerModelPages } from "./pages/model/model-page.tsx";
import { registerHomePage } from "./pages/home-page.tsx";
import { registerBadgeRoute } from "./pages/badge-route.tsx";
import { registerEmbedPage } from "./pages/benchmark/embed-page.tsx";
import { registerSearchPage } from "./pages/search-page.tsx";
import { registerRepoPages } from "./pages/repo/routes.ts";
import { htmlSecurityHeaders } from "./security-headers.ts";
import { registerStaticFiles } from "./static-files.ts";
import { webSession } from "./session/middleware.ts";
import { registerAccountRoutes } from "./pages/accounts/routes.ts";
import { registerPullRequestRoutes } from "./pages/pulls/routes.ts";
import { registerModerationRoutes } from "./pages/moderation/routes.ts";
import { registerAdminRoutes } from "./pages/admin/routes.tsx";
import { registerRepoSettingsRoutes } from "./pages/repo-settings/routes.tsx";
import { registerWebhookPages } from "./pages/webhooks/routes.tsx";

/**
 * Every browser route. Registered after the API and git routes, so those always win.
 * Fixed addresses (accounts, admin, …) come before the repository pages, whose `/{ns}/{name}` would match them.
 * Each group lives in its own file; add a line per group.
 */
export function registerWebRoutes(app: Hono<AppEnv>): void {
  app.use(htmlSecurityHeaders);
  registerStaticFiles(app);
  // Badges are images for other sites' READMEs: no session, no cookies.
  registerBadgeRoute(app);
  // Sessions and CSRF (Web-B): sets the viewer and checks every form post of the routes below.
  app.use(webSession);
  // Fixed addresses go here.
  registerAccountRoutes(app);
  registerPullRequestRoutes(app);
  registerModerationRoutes(app);
  registerAdminRoutes(app);
  registerRepoSettingsRoutes(app);
  registerWebhookPages(app);

  registerHomePage(app);
  registerSearchPage(app);

  // Repository pages last.
  registerEmbedPage(app);
  registerRepoPages(app);
  registerDatasetPages(app);
  registerModelPages(app);
}
