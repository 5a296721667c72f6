import type { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { registerDiscussionsApi } from "./discussions-api.ts";
import { registerGitHttp } from "./git-http.ts";
import { registerHealth } from "./health.ts";
import { registerIssuers } from "./issuers.ts";
import { registerReadApi } from "./read-api.ts";
import { registerResultsApi } from "./results-api.ts";
import { registerTrustApi } from "./trust-api.ts";
import { registerWhoami } from "./whoami.ts";
import { registerWebhooksApi } from "./webhooks-api.ts";
import { registerFeeds } from "./feeds.ts";
import { registerOpenApi } from "./openapi.tsx";
import { registerWriteApi } from "./write-api.ts";

/** Every route group of the API, registered in this order. */
export const routes: ((app: Hono<AppEnv>) => void)[] = [registerHealth, registerWhoami, registerIssuers, registerResultsApi, registerTrustApi, registerWebhooksApi, registerFeeds, registerOpenApi, registerReadApi, registerWriteApi, registerDiscussionsApi, registerGitHttp];
