import type { Hono } from "hono";
import type { AppEnv } from "../../../api/env.ts";
import { registerOrganizationRoutes } from "./organizations.tsx";
import { registerProfileRoutes } from "./profile.tsx";
import { registerSignInRoutes } from "./sign-in.tsx";
import { registerTokenRoutes } from "./tokens.tsx";

/** Sign up, sign in and out, tokens, profile and organisations. */
export function registerAccountRoutes(app: Hono<AppEnv>): void {
  registerSignInRoutes(app);
  registerTokenRoutes(app);
  registerProfileRoutes(app);
  registerOrganizationRoutes(app);
}
