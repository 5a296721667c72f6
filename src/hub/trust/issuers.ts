import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import { isUniqueViolation } from "../../db/unique-violation.ts";
import { readPublicJwks, type ReadJwk } from "../../formats/trust/jwk.ts";
import { jwksDocument, publishedJwk, type PublishedJwk, type TrustedKey } from "../../formats/trust/trusted-keys.ts";
import { badRequest, conflict, notFound } from "../errors.ts";
import type { Actor, Policy } from "../policy.ts";
import { kidOwners, keysOf, readIssuers, type IssuerRecord } from "./issuer-store.ts";
import { hubTrustedKey, type HubSigningKey } from "./signing-key.ts";

export const ISSUER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const DATASET_ID = /^[A-Za-z0-9][\w.-]{0,95}\/[A-Za-z0-9][\w.-]{0,95}$/;

export interface IssuerInput {
  name: string;
  /** A public JWK or a JWKS; needed to register a new issuer, optional to change an existing one's benchmarks. */
  jwk?: unknown;
  /** The dataset ids it is trusted for; null for every benchmark; left out, unchanged (every benchmark for a new issuer). */
  benchmarks?: string[] | null;
}

/** An issuer as admins see it: the hub itself (built in) or a registered evaluator. */
export interface IssuerView {
  name: string;
  builtIn: boolean;
  benchmarks: string[] | null;
  keys: PublishedJwk[];
  createdAt: string | null;
  updatedAt: string | null;
}

/**
 * Who may sign results: the hub's own key (every benchmark) and the evaluators site admins register, each for every
 * benchmark or a list. Every change re-verifies the signed results before it returns (`reverify`).
 */
export class Issuers {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly policy: Policy,
    readonly hubKey: HubSigningKey,
    private readonly reverify: () => Promise<number>,
  ) {}

  async trustedKeys(): Promise<TrustedKey[]> {
    return [hubTrustedKey(this.hubKey), ...keysOf(await readIssuers(this.db))];
  }

  /** The public keys of every trusted issuer, for anyone to verify tokens offline. */
  async jwks(): Promise<{ keys: PublishedJwk[] }> {
    return jwksDocument(await this.trustedKeys());
  }

  async list(actor: Actor): Promise<IssuerView[]> {
    this.policy.assertSiteAdmin(actor);
    const hub: IssuerView = { name: this.hubKey.issuer, builtIn: true, benchmarks: null, keys: [publishedJwk(hubTrustedKey(this.hubKey))], createdAt: null, updatedAt: null };
    return [hub, ...(await readIssuers(this.db)).map(view)];
  }

  /** Registers an issuer, or adds keys to one and sets its benchmarks. */
  async register(actor: Actor, input: IssuerInput): Promise<{ issuer: IssuerView; created: boolean; reverified: number }> {
    this.policy.assertSiteAdmin(actor);
    const name = this.checkName(input.name);
    const benchmarks = input.benchmarks === undefined ? undefined : checkBenchmarks(input.benchmarks);
    const keys = input.jwk === undefined ? [] : readKeys(input.jwk);
    const existing = (await readIssuers(this.db)).find((i) => i.name.toLowerCase() === name.toLowerCase());
    if (!existing && keys.length === 0) throw badRequest("InvalidIssuer", `${name} is a new issuer: give its public key (jwk)`);
    const fresh = await this.newKeys(existing, keys);
    const now = new Date().toISOString();
    try {
      await this.db.transaction().execute(async (tx) => {
        const values = { ...(benchmarks === undefined ? {} : { benchmarks: benchmarks === null ? null : JSON.stringify(benchmarks) }), updated_at: now };
        let id = existing?.id;
        if (id === undefined) {
          const row = { name, name_key: name.toLowerCase(), benchmarks: null, created_by: accountOf(actor), created_at: now, ...values };
          id = (await tx.insertInto("trust_issuers").values(row).returning("id").executeTakeFirstOrThrow()).id;
        } else {
          await tx.updateTable("trust_issuers").set(values).where("id", "=", id).execute();
        }
        for (const k of fresh) await tx.insertInto("trust_issuer_keys").values({ kid: k.kid, issuer_id: id, jwk: JSON.stringify(k.jwk), created_at: now }).execute();
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict("IssuerConflict", `${name} or one of its keys was registered at the same time; try again`);
      throw err;
    }
    const reverified = await this.reverify();
    const issuer = (await readIssuers(this.db)).find((i) => i.name.toLowerCase() === name.toLowerCase());
    if (!issuer) throw notFound("NotFound", `issuer ${name} was removed meanwhile`);
    return { issuer: view(issuer), created: !existing, reverified };
  }

  /** Removes an issuer, or only one of its keys: results it signed are no longer verified. */
  async remove(actor: Actor, name: string, kid?: string): Promise<{ reverified: number }> {
    this.policy.assertSiteAdmin(actor);
    if (name.toLowerCase() === this.hubKey.issuer.toLowerCase()) throw conflict("IssuerReserved", `${name} is this hub's own issuer; it cannot be removed`);
    const issuer = (await readIssuers(this.db)).find((i) => i.name.toLowerCase() === name.toLowerCase());
    if (!issuer) throw notFound("NotFound", `no issuer named ${name}`);
    if (kid === undefined) {
      await this.db.deleteFrom("trust_issuers").where("id", "=", issuer.id).execute();
    } else {
      if (!issuer.keys.some((k) => k.kid === kid)) throw notFound("NotFound", `${issuer.name} has no key ${kid}`);
      await this.db.deleteFrom("trust_issuer_keys").where("kid", "=", kid).execute();
    }
    return { reverified: await this.reverify() };
  }

  private checkName(name: string): string {
    if (!ISSUER_NAME.test(name)) throw badRequest("InvalidIssuer", "an issuer name is 1 to 64 letters, digits, dots, dashes or underscores, starting with a letter or digit");
    if (name.toLowerCase() === this.hubKey.issuer.toLowerCase()) throw conflict("IssuerReserved", `${name} is this hub's own issuer`);
    return name;
  }

  /** The keys not registered yet; a kid already naming another key, or another issuer's, is refused. */
  private async newKeys(existing: IssuerRecord | undefined, keys: readonly ReadJwk[]): Promise<ReadJwk[]> {
    const owners = await kidOwners(this.db, keys.map((k) => k.kid));
    const fresh: ReadJwk[] = [];
    for (const key of keys) {
      if (key.kid === this.hubKey.kid) throw conflict("KeyInUse", `key ${key.kid} is this hub's own key`);
      const owner = owners.get(key.kid);
      if (owner === undefined) {
        if (!fresh.some((k) => k.kid === key.kid)) fresh.push(key);
      } else if (owner.issuerId !== existing?.id) {
        throw conflict("KeyInUse", `key ${key.kid} already belongs to another issuer`);
      } else if (owner.jwk.x !== key.jwk.x) {
        throw conflict("KeyInUse", `${existing.name} already has a different key with kid ${key.kid}`);
      }
    }
    return fresh;
  }
}

function readKeys(value: unknown): ReadJwk[] {
  const read = readPublicJwks(value);
  if ("error" in read) throw badRequest("InvalidJwk", read.error);
  return read;
}

function checkBenchmarks(benchmarks: string[] | null): string[] | null {
  if (benchmarks === null) return null;
  if (benchmarks.length === 0) throw badRequest("InvalidIssuer", "list at least one benchmark, or none at all to trust the issuer for every benchmark");
  const bad = benchmarks.find((b) => !DATASET_ID.test(b));
  if (bad !== undefined) throw badRequest("InvalidIssuer", `${JSON.stringify(bad)} is not a dataset id (namespace/name)`);
  return benchmarks.filter((b, i) => benchmarks.findIndex((o) => o.toLowerCase() === b.toLowerCase()) === i);
}

// The command-line operator acts as a site admin without being an account (id 0).
const accountOf = (actor: Actor): number | null => (actor.user && actor.user.id > 0 ? actor.user.id : null);

function view(issuer: IssuerRecord): IssuerView {
  return {
    name: issuer.name,
    builtIn: false,
    benchmarks: issuer.benchmarks,
    keys: keysOf([issuer]).map(publishedJwk),
    createdAt: issuer.createdAt,
    updatedAt: issuer.updatedAt,
  };
}
