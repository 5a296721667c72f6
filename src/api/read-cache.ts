import { createHash } from "node:crypto";
import type { Context } from "hono";
import type { Kysely } from "kysely";
import { readVersion } from "../db/queries/read-version.ts";
import type { Database } from "../db/schema.ts";
import { sharedRead } from "../db/shared-read.ts";
import type { Actor } from "../hub/policy.ts";
import { BoundedLru } from "../bounded-lru.ts";
import type { ReadChanges } from "../hub/results/read-changes.ts";
import type { AppEnv } from "./env.ts";

/** Response headers that belong to the answer itself (not to one request, like X-Request-Id). */
const KEPT_HEADERS = ["content-type", "x-total-count", "link"];

export interface CachedAnswer {
  /** UTF-8, encoded once: the fast read path writes it to sockets as is. */
  body: Uint8Array<ArrayBuffer>;
  headers: Record<string, string>;
  etag: string;
}

/** A kept answer and what it depends on: one scope (see `ReadChanges`), or null for everything. */
interface KeptAnswer extends CachedAnswer {
  scope: string | null;
  /** An anonymous whole answer's URL, to ask again when a write drops it (see `refreshThrough`); null otherwise. */
  refreshUrl: string | null;
  /** When a client last read it (ms since the epoch); 0 if none has since it was refreshed. */
  readAt: number;
}

/** Asks the app for a URL as an anonymous client would, in process. */
export type Refresher = (request: Request) => Response | Promise<Response>;

/** Answers dropped by a write are asked again only if a client read them this recently… */
const REFRESH_READ_WITHIN_MS = 30_000;
/** …and at most this many at once. */
const MAX_REFRESHING = 8;

/**
 * Whole 200 answers of expensive reads (a leaderboard at a million results ranks every candidate), true at the
 * database's read version, keyed by the viewer and the full URL. Every write the answer depends on moves the
 * version in its own transaction, so an answer kept at a version is never older than that version's data, in any
 * process sharing the database. Concurrent misses for one key compute once. Bounded in bytes, least recently used
 * first out; `ETag` lets clients revalidate with a 304. Only answers true at the newest version seen are kept: when
 * the version moves, an answer stays only if this process made every move in between and none of them changed the
 * answer's scope (a model's results stay when another model is written); otherwise it is dropped at once.
 */
export class ReadCache {
  private readonly answers: BoundedLru<KeptAnswer>;
  private readonly pending = new Map<string, Promise<KeptAnswer | null>>();
  private versions: (() => Promise<number>) | undefined;
  /** The version every kept answer is true at: the newest read so far. */
  private keptVersion: number | null = null;
  private refresher: Refresher | null = null;
  /** The requests this cache makes itself: their reads are not a client's. */
  private readonly refreshes = new WeakSet<Request>();
  private refreshing = 0;

  constructor(
    private readonly changes: ReadChanges | null = null,
    maxBytes = 32 * 1024 * 1024,
  ) {
    this.answers = new BoundedLru(maxBytes);
  }

  /** `scope`: what the answer depends on besides what every answer does (null: depend on every write). */
  async serve(c: Context<AppEnv>, produce: () => Promise<Response>, scope: string | null = null): Promise<Response> {
    const version = await this.currentVersion(c.var.hub.db);
    const viewer = viewerKey(c);
    const key = `${viewer}|${c.req.url}`;
    const kept = { scope, refreshUrl: viewer === ANONYMOUS_KEY ? c.req.url : null };
    const answer = this.answers.get(key) ?? (await this.compute(key, version, kept, () => contentOf(produce)));
    if (answer === null) return produce();
    if (!this.refreshes.has(c.req.raw)) answer.readAt = Date.now();
    if (c.req.header("if-none-match") === answer.etag) return c.body(null, 304, { ETag: answer.etag });
    return c.body(answer.body, 200, { ...answer.headers, ETag: answer.etag });
  }

  /**
   * The HTML of the costly part of a page, kept like an answer (viewer, URL) under `part`, dropped on every move
   * of the version. A page's viewer may be a session's user rather than the request's token actor, so the page
   * names it. HTML that carries this request's CSRF token belongs to one session and is never shared: each such
   * caller renders its own.
   */
  async fragment(c: Context<AppEnv>, page: { part: string; viewer: Actor; csrfToken: string }, render: () => Promise<string>): Promise<string> {
    const { part, viewer, csrfToken } = page;
    const version = await this.currentVersion(c.var.hub.db);
    const key = `${actorKey(viewer)}|${part}|${c.req.url}`;
    const produce = async (): Promise<Content | null> => {
      const html = await render();
      return csrfToken !== "" && html.includes(csrfToken) ? null : { body: encoder.encode(html), headers: {} };
    };
    const kept = this.answers.get(key) ?? (await this.compute(key, version, { scope: null, refreshUrl: null }, produce));
    return kept === null ? render() : decoder.decode(kept.body);
  }

  /** The answer kept for an anonymous request of this URL (as Hono spells `c.req.url`) at the current version. */
  async anonymousAnswer(db: Kysely<Database>, url: string): Promise<CachedAnswer | undefined> {
    await this.currentVersion(db);
    const answer = this.answers.get(`${ANONYMOUS_KEY}|${url}`);
    if (answer !== undefined) answer.readAt = Date.now();
    return answer;
  }

  /**
   * Refresh-ahead: when a write this process made drops answers that anonymous clients read lately, ask for them
   * again at once through `refresher` (the app, in process), so that the next client finds the new answer kept
   * instead of waiting for it to be computed. A client who asks meanwhile shares the computation under way.
   */
  refreshThrough(db: Kysely<Database>, refresher: Refresher): void {
    this.refresher = refresher;
    this.changes?.onRecord(() => {
      this.currentVersion(db).catch(() => undefined);
    });
  }

  /** What is kept, for diagnosis: answers and their bytes. */
  get held(): { answers: number; bytes: number } {
    return { answers: this.answers.size, bytes: this.answers.cost };
  }

  private currentVersion(db: Kysely<Database>): Promise<number> {
    this.versions ??= sharedRead(async () => {
      const version = await readVersion(db);
      // A read that started before another one saw a newer version: what is kept is newer still, which is fine.
      if (this.keptVersion !== null && version < this.keptVersion) return version;
      if (version !== this.keptVersion) this.moveTo(version);
      return version;
    });
    return this.versions();
  }

  private moveTo(version: number): void {
    const changed = this.keptVersion === null ? null : (this.changes?.between(this.keptVersion, version) ?? null);
    const dropped = this.answers.deleteWhere((answer) => changed === null || answer.scope === null || changed.has(answer.scope));
    this.keptVersion = version;
    this.refresh(dropped);
  }

  private refresh(dropped: readonly [string, KeptAnswer][]): void {
    const refresher = this.refresher;
    if (refresher === null) return;
    const since = Date.now() - REFRESH_READ_WITHIN_MS;
    const wanted = dropped.filter(([, answer]) => answer.refreshUrl !== null && answer.readAt >= since).sort(([, a], [, b]) => b.readAt - a.readAt);
    for (const [key, answer] of wanted) {
      if (this.refreshing >= MAX_REFRESHING) return;
      const request = new Request(answer.refreshUrl!);
      // A URL that `Request` spells differently would be kept under another key.
      if (request.url !== answer.refreshUrl) continue;
      this.refreshes.add(request);
      this.refreshing++;
      Promise.resolve()
        .then(() => refresher(request))
        .then((response) => response.arrayBuffer())
        .then(() => {
          // Still read lately: a client may read it next while another write comes.
          const kept = this.answers.get(key);
          if (kept !== undefined) kept.readAt = Math.max(kept.readAt, answer.readAt);
        })
        // A refresh is only ahead of time: if it fails, the next client computes the answer as always.
        .catch(() => undefined)
        .finally(() => this.refreshing--);
    }
  }

  private compute(key: string, version: number, kept: Pick<KeptAnswer, "scope" | "refreshUrl">, produce: () => Promise<Content | null>): Promise<KeptAnswer | null> {
    // Only requests that saw the same version share a computation.
    const pendingKey = `${version}|${key}`;
    let running = this.pending.get(pendingKey);
    if (running === undefined) {
      running = this.store(key, version, kept, produce).finally(() => this.pending.delete(pendingKey));
      this.pending.set(pendingKey, running);
    }
    return running;
  }

  /** Null when what was produced may not be kept (the caller then produces its own). */
  private async store(key: string, version: number, kept: Pick<KeptAnswer, "scope" | "refreshUrl">, produce: () => Promise<Content | null>): Promise<KeptAnswer | null> {
    const content = await produce();
    if (content === null) return null;
    const etag = `W/"r${version}-${createHash("sha256").update(key).digest("base64url").slice(0, 16)}"`;
    const answer: KeptAnswer = { ...content, etag, ...kept, readAt: 0 };
    if (version === this.keptVersion) this.answers.set(key, answer, content.body.length + key.length);
    return answer;
  }
}

type Content = Omit<CachedAnswer, "etag">;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A cacheable 200 answer's body and the headers that belong to it; null for any other answer. */
async function contentOf(produce: () => Promise<Response>): Promise<Content | null> {
  const response = await produce();
  if (response.status !== 200) return null;
  const body = new Uint8Array(await response.arrayBuffer());
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  return { body, headers };
}

/** Who asks, as far as an answer can differ: anonymous (spelled as `anonymousAnswer` looks it up), or a user with a token role. */
function viewerKey(c: Context<AppEnv>): string {
  return actorKey(c.var.actor);
}

const ANONYMOUS_KEY = "anon";

function actorKey({ user, tokenRole }: Actor): string {
  return user ? `u${user.id}:${tokenRole ?? ""}` : ANONYMOUS_KEY;
}
