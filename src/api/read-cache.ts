import { createHash } from "node:crypto";
import type { Context } from "hono";
import type { Kysely } from "kysely";
import { readVersion } from "../db/queries/read-version.ts";
import type { Database } from "../db/schema.ts";
import type { Actor } from "../hub/policy.ts";
import { BoundedLru } from "../bounded-lru.ts";
import type { AppEnv } from "./env.ts";

/** Response headers that belong to the answer itself (not to one request, like X-Request-Id). */
const KEPT_HEADERS = ["content-type", "x-total-count", "link"];

export interface CachedAnswer {
  /** UTF-8, encoded once: the fast read path writes it to sockets as is. */
  body: Uint8Array<ArrayBuffer>;
  headers: Record<string, string>;
  etag: string;
}

/**
 * Whole 200 answers of expensive reads (a leaderboard at a million results ranks every candidate), keyed by the
 * database's read version, the viewer and the full URL. Every write the answer depends on moves the version in
 * its own transaction, so an answer cached under a version is never older than that version's data, in any
 * process sharing the database. Concurrent misses for one key compute once. Bounded in bytes, least recently
 * used first out; `ETag` lets clients revalidate with a 304. Only the newest version's answers are kept: once the
 * version moves, no request can ask for an older one, so those are dropped at once rather than left to age out.
 */
export class ReadCache {
  private readonly answers: BoundedLru<CachedAnswer>;
  private readonly pending = new Map<string, Promise<CachedAnswer | null>>();
  private versions: SharedRead<number> | undefined;
  /** The version of every kept answer: the newest read so far. */
  private keptVersion: number | null = null;

  constructor(maxBytes = 32 * 1024 * 1024) {
    this.answers = new BoundedLru(maxBytes);
  }

  async serve(c: Context<AppEnv>, produce: () => Promise<Response>): Promise<Response> {
    const version = await this.currentVersion(c.var.hub.db);
    const key = `${version}|${viewerKey(c)}|${c.req.url}`;
    const answer = this.answers.get(key) ?? (await this.compute(key, version, () => contentOf(produce)));
    if (answer === null) return produce();
    if (c.req.header("if-none-match") === answer.etag) return c.body(null, 304, { ETag: answer.etag });
    return c.body(answer.body, 200, { ...answer.headers, ETag: answer.etag });
  }

  /**
   * The HTML of the costly part of a page, kept like an answer (version, viewer, URL) under `part`. A page's
   * viewer may be a session's user rather than the request's token actor, so the page names it. HTML that carries
   * this request's CSRF token belongs to one session and is never shared: each such caller renders its own.
   */
  async fragment(c: Context<AppEnv>, page: { part: string; viewer: Actor; csrfToken: string }, render: () => Promise<string>): Promise<string> {
    const { part, viewer, csrfToken } = page;
    const version = await this.currentVersion(c.var.hub.db);
    const key = `${version}|${actorKey(viewer)}|${part}|${c.req.url}`;
    const produce = async (): Promise<Content | null> => {
      const html = await render();
      return csrfToken !== "" && html.includes(csrfToken) ? null : { body: encoder.encode(html), headers: {} };
    };
    const kept = this.answers.get(key) ?? (await this.compute(key, version, produce));
    return kept === null ? render() : decoder.decode(kept.body);
  }

  /** The answer kept for an anonymous request of this URL (as Hono spells `c.req.url`) at the current version. */
  async anonymousAnswer(db: Kysely<Database>, url: string): Promise<CachedAnswer | undefined> {
    return this.answers.get(`${await this.currentVersion(db)}|anon|${url}`);
  }

  /** What is kept, for diagnosis: answers and their bytes. */
  get held(): { answers: number; bytes: number } {
    return { answers: this.answers.size, bytes: this.answers.cost };
  }

  private currentVersion(db: Kysely<Database>): Promise<number> {
    this.versions ??= new SharedRead(async () => {
      const version = await readVersion(db);
      if (version !== this.keptVersion) {
        this.answers.clear();
        this.keptVersion = version;
      }
      return version;
    });
    return this.versions.read();
  }

  private compute(key: string, version: number, produce: () => Promise<Content | null>): Promise<CachedAnswer | null> {
    let running = this.pending.get(key);
    if (running === undefined) {
      running = this.store(key, version, produce).finally(() => this.pending.delete(key));
      this.pending.set(key, running);
    }
    return running;
  }

  /** Null when what was produced may not be kept (the caller then produces its own). */
  private async store(key: string, version: number, produce: () => Promise<Content | null>): Promise<CachedAnswer | null> {
    const content = await produce();
    if (content === null) return null;
    const etag = `W/"r${version}-${createHash("sha256").update(key).digest("base64url").slice(0, 16)}"`;
    const answer = { ...content, etag };
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
