import { createHash } from "node:crypto";
import type { Context } from "hono";
import type { Kysely } from "kysely";
import { readVersion } from "../db/queries/read-version.ts";
import type { Database } from "../db/schema.ts";
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
}

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
  private readonly pending = new Map<string, Promise<CachedAnswer | null>>();
  private versions: SharedRead<number> | undefined;
  /** The version every kept answer is true at: the newest read so far. */
  private keptVersion: number | null = null;

  constructor(
    private readonly changes: ReadChanges | null = null,
    maxBytes = 32 * 1024 * 1024,
  ) {
    this.answers = new BoundedLru(maxBytes);
  }

  /** `scope`: what the answer depends on besides what every answer does (null: depend on every write). */
  async serve(c: Context<AppEnv>, produce: () => Promise<Response>, scope: string | null = null): Promise<Response> {
    const version = await this.currentVersion(c.var.hub.db);
    const key = `${viewerKey(c)}|${c.req.url}`;
    const answer = this.answers.get(key) ?? (await this.compute(key, version, scope, () => contentOf(produce)));
    if (answer === null) return produce();
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
    const kept = this.answers.get(key) ?? (await this.compute(key, version, null, produce));
    return kept === null ? render() : decoder.decode(kept.body);
  }

  /** The answer kept for an anonymous request of this URL (as Hono spells `c.req.url`) at the current version. */
  async anonymousAnswer(db: Kysely<Database>, url: string): Promise<CachedAnswer | undefined> {
    await this.currentVersion(db);
    return this.answers.get(`anon|${url}`);
  }

  /** What is kept, for diagnosis: answers and their bytes. */
  get held(): { answers: number; bytes: number } {
    return { answers: this.answers.size, bytes: this.answers.cost };
  }

  private currentVersion(db: Kysely<Database>): Promise<number> {
    this.versions ??= new SharedRead(async () => {
      const version = await readVersion(db);
      // A read that started before another one saw a newer version: what is kept is newer still, which is fine.
      if (this.keptVersion !== null && version < this.keptVersion) return version;
      if (version !== this.keptVersion) this.moveTo(version);
      return version;
    });
    return this.versions.read();
  }

  private moveTo(version: number): void {
    const changed = this.keptVersion === null ? null : (this.changes?.between(this.keptVersion, version) ?? null);
    if (changed === null) this.answers.clear();
    else this.answers.deleteWhere((answer) => answer.scope === null || changed.has(answer.scope));
    this.keptVersion = version;
  }

  private compute(key: string, version: number, scope: string | null, produce: () => Promise<Content | null>): Promise<CachedAnswer | null> {
    // Only requests that saw the same version share a computation.
    const pendingKey = `${version}|${key}`;
    let running = this.pending.get(pendingKey);
    if (running === undefined) {
      running = this.store(key, version, scope, produce).finally(() => this.pending.delete(pendingKey));
      this.pending.set(pendingKey, running);
    }
    return running;
  }

  /** Null when what was produced may not be kept (the caller then produces its own). */
  private async store(key: string, version: number, scope: string | null, produce: () => Promise<Content | null>): Promise<CachedAnswer | null> {
    const content = await produce();
    if (content === null) return null;
    const etag = `W/"r${version}-${createHash("sha256").update(key).digest("base64url").slice(0, 16)}"`;
    const answer = { ...content, etag, scope };
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

/**
 * One database read shared by the concurrent callers that may share it: a caller joins only a read that has not
 * started yet (a read already under way may predate a write the caller has seen). A read starts in the check
 * phase of the event loop's turn, so every request read from the sockets in that turn shares it.
 */
class SharedRead<T> {
  private scheduled: Promise<T> | null = null;

  constructor(private readonly query: () => Promise<T>) {}

  read(): Promise<T> {
    this.scheduled ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.scheduled = null;
      return this.query();
    });
    return this.scheduled;
  }
}

/** Who asks, as far as an answer can differ: anonymous (spelled as `anonymousAnswer` looks it up), or a user with a token role. */
function viewerKey(c: Context<AppEnv>): string {
  return actorKey(c.var.actor);
}

function actorKey({ user, tokenRole }: Actor): string {
  return user ? `u${user.id}:${tokenRole ?? ""}` : "anon";
}
