import type { Generated } from "kysely";

// Tables of signed-result trust (migration 0006). See the conventions in schema.ts.

/** An evaluator whose signed results the hub verifies. Hub state, set by site admins. */
export interface TrustIssuersTable {
  id: Generated<number>;
  /** The `iss` its tokens carry. */
  name: string;
  /** Lower-cased name: one issuer per name whatever its case. */
  name_key: string;
  /** JSON array of the dataset ids it is trusted for; null for every benchmark. */
  benchmarks: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** A public key of an issuer: tokens name it by `kid`. */
export interface TrustIssuerKeysTable {
  kid: string;
  issuer_id: number;
  /** The public JWK (kty, crv, x) as JSON. */
  jwk: string;
  created_at: string;
}

export interface TrustTables {
  trust_issuers: TrustIssuersTable;
  trust_issuer_keys: TrustIssuerKeysTable;
}
