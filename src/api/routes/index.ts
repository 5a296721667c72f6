import type { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { registerHealth } from "./health.ts";
import { registerWhoami } from "./whoami.ts";

/** Every route group of the API, registered in this order. */
export const routes: ((app: Hono<AppEnv>) => void)[] = [registerHealth, registerWhoami];
