import type { Kysely } from "kysely";
import type { Database } from "../../db/schema.ts";
import type { Ed25519Jwk } from "../../formats/trust/jwk.ts";
import type { TrustedKey } from "../../formats/trust/trusted-keys.ts";

/** A registered issuer with its keys, as stored. */
export interface IssuerRecord {
  id: number;
  name: string;
  /** Dataset ids it is trusted for; null for every benchmark. */
  benchmarks: string[] | null;
  keys: { kid: string; jwk: Ed25519Jwk; createdAt: string }[];
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

export async function readIssuers(db: Kysely<Database>): Promise<IssuerRecord[]> {
  const issuers = await db.selectFrom("trust_issuers").selectAll().orderBy("name_key").execute();
  const keys = await db.selectFrom("trust_issuer_keys").selectAll().orderBy("created_at").orderBy("kid").execute();
  return issuers.map((i) => ({
    id: i.id,
    name: i.name,
    benchmarks: i.benchmarks === null ? null : (JSON.parse(i.benchmarks) as string[]),
    keys: keys.filter((k) => k.issuer_id === i.id).map((k) => ({ kid: k.kid, jwk: JSON.parse(k.jwk) as Ed25519Jwk, createdAt: k.created_at })),
    createdBy: i.created_by,
    createdAt: i.created_at,
    updatedAt: i.updated_at,
  }));
}

export const keysOf = (issuers: readonly IssuerRecord[]): TrustedKey[] =>
  issuers.flatMap((i) => i.keys.map((k) => ({ kid: k.kid, issuer: i.name, jwk: k.jwk, benchmarks: i.benchmarks })));

/** Which issuer holds each of these kids. */
export async function kidOwners(db: Kysely<Database>, kids: readonly string[]): Promise<Map<string, { issuerId: number; jwk: Ed25519Jwk }>> {
  if (kids.length === 0) return new Map();
  const rows = await db.selectFrom("trust_issuer_keys").select(["kid", "issuer_id", "jwk"]).where("kid", "in", kids).execute();
  return new Map(rows.map((r) => [r.kid, { issuerId: r.issuer_id, jwk: JSON.parse(r.jwk) as Ed25519Jwk }]));
}
