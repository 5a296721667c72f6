import { resolve } from "node:path";
import { z } from "zod";
import { AllowedAddresses } from "./hub/webhooks/allowed-addresses.ts";

const MiB = 1024 * 1024;
const size = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default("127.0.0.1"),
  EVALHUB_DATA: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|sqlite:|:memory:$|[./\w])/, "must be postgres://… or a SQLite file path")
    .optional(),
  EVALHUB_ADMIN_TOKEN: z.string().regex(/^hf_[A-Za-z0-9]{20,}$/, "must be an hf_ token: hf_ and at least 20 letters or digits").optional(),
  EVALHUB_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  EVALHUB_MAX_FILE_BYTES: size(10 * MiB),
  EVALHUB_MAX_BODY_BYTES: size(100 * MiB),
  EVALHUB_MAX_FILES_PER_COMMIT: size(1000),
  EVALHUB_GIT_TIMEOUT_MS: size(600_000),
  EVALHUB_RECONCILE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  EVALHUB_ISSUER: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "must be 1 to 64 letters, digits, dots, dashes or underscores").default("evalhub"),
  EVALHUB_TRUST_PROXY: z.enum(["0", "1", "true", "false"]).default("0"),
  EVALHUB_WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(1).max(3_600_000).default(10_000),
  EVALHUB_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  EVALHUB_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  EVALHUB_WEBHOOK_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(2_000),
  EVALHUB_WEBHOOK_ALLOWED_HOSTS: z.string().default("external").transform((text, ctx) => {
    try {
      return AllowedAddresses.parse(text);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
      return z.NEVER;
    }
  }),
  EVALHUB_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1).max(3_600_000).default(300_000),
  EVALHUB_RATE_LIMIT_PER_TOKEN: z.coerce.number().int().min(0).default(6_000),
  EVALHUB_RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(0).default(1_200),
  EVALHUB_RATE_LIMIT_LOOPBACK: z.enum(["0", "1", "true", "false"]).default("0"),
  EVALHUB_SLOW_QUERY_MS: z.coerce.number().int().min(0).default(250),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "silent"]).default("info"),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  adminToken: string | undefined;
  /** Base URL the hub is reached at; when unset, each request's own origin is used. */
  publicUrl: string | undefined;
  limits: { maxFileBytes: number; maxBodyBytes: number; maxFilesPerCommit: number; gitTimeoutMs: number };
  /** How often the server re-indexes refs that moved without being indexed (after a crash). */
  reconcileSeconds: number;
  /** The `iss` of the tokens the hub's own key signs. */
  issuer: string;
  logLevel: z.infer<typeof schema>["LOG_LEVEL"];
  /** A database query that takes longer is logged (warn) with its SQL; 0: none. */
  slowQueryMs: number;
  /** Webhook delivery: first retry delay (doubling after), attempts before giving up, per-attempt timeout, idle poll, where deliveries may connect. */
  webhooks: { backoffMs: number; maxAttempts: number; timeoutMs: number; pollMs: number; allowedAddresses: AllowedAddresses };
  /** Behind a reverse proxy: believe its X-Forwarded-Proto and X-Forwarded-For. */
  trustProxy: boolean;
  /** A request whose handler runs longer is answered 503 (git transfers excepted: they have gitTimeoutMs). */
  requestTimeoutMs: number;
  /** Requests a minute per token and per address without a token (0: no limit); loopback counts only when `loopback`. */
  rateLimit: { perTokenPerMinute: number; perAddressPerMinute: number; loopback: boolean };
}

export class ConfigError extends Error {}

/** Reads and checks the configuration; a bad value stops the start with a message naming it. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}=${JSON.stringify(present[String(i.path[0])] ?? "")}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.EVALHUB_DATA);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? resolve(dataDir, "evalhub.sqlite"),
    adminToken: e.EVALHUB_ADMIN_TOKEN,
    publicUrl: e.EVALHUB_PUBLIC_URL?.replace(/\/+$/, ""),
    limits: {
      maxFileBytes: e.EVALHUB_MAX_FILE_BYTES,
      maxBodyBytes: e.EVALHUB_MAX_BODY_BYTES,
      maxFilesPerCommit: e.EVALHUB_MAX_FILES_PER_COMMIT,
      gitTimeoutMs: e.EVALHUB_GIT_TIMEOUT_MS,
    },
    reconcileSeconds: e.EVALHUB_RECONCILE_SECONDS,
    issuer: e.EVALHUB_ISSUER,
    logLevel: e.LOG_LEVEL,
    slowQueryMs: e.EVALHUB_SLOW_QUERY_MS,
    webhooks: { backoffMs: e.EVALHUB_WEBHOOK_BACKOFF_MS, maxAttempts: e.EVALHUB_WEBHOOK_MAX_ATTEMPTS, timeoutMs: e.EVALHUB_WEBHOOK_TIMEOUT_MS, pollMs: e.EVALHUB_WEBHOOK_POLL_MS, allowedAddresses: e.EVALHUB_WEBHOOK_ALLOWED_HOSTS },
    trustProxy: e.EVALHUB_TRUST_PROXY === "1" || e.EVALHUB_TRUST_PROXY === "true",
    requestTimeoutMs: e.EVALHUB_REQUEST_TIMEOUT_MS,
    rateLimit: { perTokenPerMinute: e.EVALHUB_RATE_LIMIT_PER_TOKEN, perAddressPerMinute: e.EVALHUB_RATE_LIMIT_PER_ADDRESS, loopback: e.EVALHUB_RATE_LIMIT_LOOPBACK === "1" || e.EVALHUB_RATE_LIMIT_LOOPBACK === "true" },
  };
}
