import { resolve } from "node:path";
import { drain, processResponse, pumpInto, replay, requestBody } from "./http-streams.ts";
import { encodePktLine, FLUSH_PKT, PktLineError } from "./pkt-line.ts";
import type { PushCommand } from "./push-commands.ts";
import { readPushCommands } from "./push-commands.ts";
import { refusalReport } from "./push-report.ts";
import type { PushedRef } from "./push-updates.ts";
import { appliedPushCommands } from "./push-updates.ts";
import { isValidRefName } from "./ref-names.ts";
import { isValidGitProtocol, spawnGit } from "./spawn.ts";

export type GitService = "git-upload-pack" | "git-receive-pack";

export interface SmartHttpOptions {
  /** The bare repository to serve; the caller has already checked that it exists and who may read it. */
  repoPath: string;
  /** Kill upload-pack / receive-pack after this long. Default 1 hour. */
  timeoutMs?: number;
  /** Failures after the response started (the client sees a broken transfer) and failures of onRefsUpdated. Default: console.error. */
  onError?: (error: unknown) => void;
}

export type PushDecision = { ok: true } | { ok: false; message: string };

export interface ReceivePackOptions extends SmartHttpOptions {
  /**
   * Called with the ref updates of a push before git sees any of it. A refusal answers every
   * command with `ng <ref> <message>` and no ref moves.
   */
  authorizePush: (commands: readonly PushCommand[]) => PushDecision | Promise<PushDecision>;
  /** Called after receive-pack succeeded, with the updates that took effect, before the response ends. */
  onRefsUpdated?: (updates: readonly PushedRef[]) => void | Promise<void>;
  /** Largest command list accepted at the start of a push. Default 1 MiB. */
  maxCommandBytes?: number;
  /** Largest pack a push may send (git's `receive.maxInputSize`); receive-pack refuses a larger one. Default: none. */
  maxPackBytes?: number;
}

const ADVERTISEMENT_TIMEOUT_MS = 60_000;
const DEFAULT_TIMEOUT_MS = 60 * 60 * 1000;
const NO_CACHE = {
  "Cache-Control": "no-cache, max-age=0, must-revalidate",
  Pragma: "no-cache",
  Expires: "Fri, 01 Jan 1980 00:00:00 GMT",
};
const SERVICE_CONFIG: Record<GitService, readonly string[]> = {
  "git-upload-pack": ["uploadpack.allowFilter=true"],
  // Force-pushes stay allowed; onRefsUpdated reports them with `forced: true`.
  "git-receive-pack": ["receive.fsckObjects=true", "receive.denyNonFastForwards=false"],
};

/**
 * Routes a smart HTTP request by the part of the URL after the repository
 * (`info/refs`, `git-upload-pack`, `git-receive-pack`); null when it is not one of them.
 */
export async function handleSmartHttp(request: Request, subpath: string, options: ReceivePackOptions): Promise<Response | null> {
  if (request.method === "GET" && subpath === "info/refs") return handleInfoRefs(request, options);
  if (request.method === "POST" && subpath === "git-upload-pack") return handleUploadPack(request, options);
  if (request.method === "POST" && subpath === "git-receive-pack") return handleReceivePack(request, options);
  return null;
}

/** `GET …/info/refs?service=…`: the ref advertisement. */
export async function handleInfoRefs(request: Request, options: SmartHttpOptions): Promise<Response> {
  const service = new URL(request.url).searchParams.get("service");
  if (service !== "git-upload-pack" && service !== "git-receive-pack") {
    return plain(403, "the dumb HTTP protocol is not supported\n");
  }
  const gitProtocol = protocolHeader(request);
  const repoPath = resolve(options.repoPath);
  const proc = spawnGit(repoPath, [service.slice(4), "--stateless-rpc", "--advertise-refs", repoPath], {
    config: SERVICE_CONFIG[service],
    gitProtocol,
    timeoutMs: ADVERTISEMENT_TIMEOUT_MS,
    direct: true,
  });
  proc.stdin.end();
  // A protocol v2 answer starts with `version 2` itself; v0 needs the service line first.
  const v2 = service === "git-upload-pack" && gitProtocol?.split(":").includes("version=2") === true;
  return processResponse(proc, {
    headers: { "Content-Type": `application/x-${service}-advertisement`, ...NO_CACHE },
    prefix: v2 ? undefined : Buffer.concat([encodePktLine(`# service=${service}\n`), FLUSH_PKT]),
    onError: errorSink(options),
    signal: request.signal,
  });
}

/** `POST …/git-upload-pack`: clone and fetch. */
export async function handleUploadPack(request: Request, options: SmartHttpOptions): Promise<Response> {
  const body = checkedBody(request, "git-upload-pack");
  if (body instanceof Response) return body;
  const repoPath = resolve(options.repoPath);
  const proc = spawnGit(repoPath, ["upload-pack", "--stateless-rpc", repoPath], {
    config: SERVICE_CONFIG["git-upload-pack"],
    gitProtocol: protocolHeader(request),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    direct: true,
  });
  void pumpInto(proc, body);
  return processResponse(proc, { headers: resultHeaders("git-upload-pack"), onError: errorSink(options), signal: request.signal });
}

/** `POST …/git-receive-pack`: push, checked by authorizePush before git runs. */
export async function handleReceivePack(request: Request, options: ReceivePackOptions): Promise<Response> {
  const body = checkedBody(request, "git-receive-pack");
  if (body instanceof Response) return body;
  const chunks = body[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
  let start;
  try {
    start = await readPushCommands(chunks, options.maxCommandBytes);
  } catch (error) {
    if (error instanceof PktLineError) return plain(400, `${error.message}\n`);
    throw error;
  }

  const refusal = await refusalMessage(start.commands, options);
  if (refusal !== null) {
    await drain(chunks);
    return new Response(refusalReport(start.commands, refusal, start.capabilities), { headers: resultHeaders("git-receive-pack") });
  }

  const repoPath = resolve(options.repoPath);
  const proc = spawnGit(repoPath, ["receive-pack", "--stateless-rpc", repoPath], {
    config: receivePackConfig(options.maxPackBytes),
    gitProtocol: protocolHeader(request),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    direct: true,
  });
  void pumpInto(proc, replay(start.head, chunks));
  const onError = errorSink(options);
  return processResponse(proc, {
    headers: resultHeaders("git-receive-pack"),
    onError,
    signal: request.signal,
    onSuccess: async () => {
      if (options.onRefsUpdated === undefined) return;
      try {
        const updates = await appliedPushCommands(repoPath, start.commands);
        if (updates.length > 0) await options.onRefsUpdated(updates);
      } catch (error) {
        // The refs have moved already; the push itself succeeded.
        onError(error);
      }
    },
  });
}

async function refusalMessage(commands: readonly PushCommand[], options: ReceivePackOptions): Promise<string | null> {
  // No commands: git's probe before a large push, or a push with nothing to do.
  if (commands.length === 0) return null;
  const invalid = commands.find((command) => !command.ref.startsWith("refs/") || !isValidRefName(command.ref));
  if (invalid !== undefined) return `invalid ref name ${invalid.ref}`;
  const decision = await options.authorizePush(commands);
  return decision.ok ? null : decision.message;
}

function receivePackConfig(maxPackBytes: number | undefined): readonly string[] {
  const config = SERVICE_CONFIG["git-receive-pack"];
  if (maxPackBytes === undefined) return config;
  if (!Number.isSafeInteger(maxPackBytes) || maxPackBytes < 1) throw new RangeError(`maxPackBytes must be a positive integer, got ${maxPackBytes}`);
  return [...config, `receive.maxInputSize=${maxPackBytes}`];
}

/** The request body, or the error response when its type or encoding is wrong. */
function checkedBody(request: Request, service: GitService): AsyncIterable<Uint8Array> | Response {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== `application/x-${service}-request`) return plain(415, `expected Content-Type application/x-${service}-request\n`);
  const body = requestBody(request);
  return body ?? plain(415, "unsupported Content-Encoding\n");
}

/** The Git-Protocol header when well-formed; anything else is ignored, as git itself does. */
function protocolHeader(request: Request): string | undefined {
  const value = request.headers.get("git-protocol");
  return value !== null && isValidGitProtocol(value) ? value : undefined;
}

function resultHeaders(service: GitService): Record<string, string> {
  return { "Content-Type": `application/x-${service}-result`, ...NO_CACHE };
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

function errorSink(options: SmartHttpOptions): (error: unknown) => void {
  return options.onError ?? ((error) => console.error("git smart HTTP:", error));
}
