import { createPrivateKey, generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "../../../src/formats/canonical-json.ts";
import type { ResultSubject } from "../../../src/formats/trust/claims.ts";
import { keyObjectOf, publicJwkOf, readPublicJwk, readPublicJwks, thumbprint } from "../../../src/formats/trust/jwk.ts";
import { decodeJws, signatureValid, signJws } from "../../../src/formats/trust/jws.ts";
import { signResult } from "../../../src/formats/trust/sign-result.ts";
import { jwksDocument, trustedKeysOfJwks, trustSet, type TrustedKey } from "../../../src/formats/trust/trusted-keys.ts";
import { verifyResult } from "../../../src/formats/trust/verify-result.ts";

// RFC 8037 appendix A: the Ed25519 key, its thumbprint and a JWS signed with it.
const RFC_JWK = { kty: "OKP", crv: "Ed25519", d: "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" } as const;
const RFC_THUMBPRINT = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";
const RFC_JWS = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

const b64 = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

const subject: ResultSubject = { model: "acme/m1", modelRevision: null, dataset: "bench/alpha", datasetRevision: null, taskId: "t1", value: 0.6, evidenceSha256: null };

function signer(issuer = "lab") {
  const { privateKey } = generateKeyPairSync("ed25519");
  const jwk = publicJwkOf(privateKey);
  const kid = thumbprint(jwk);
  return { privateKey, kid, issuer, trusted: { kid, issuer, jwk, benchmarks: null } as TrustedKey };
}

describe("JWK and JWS (RFC 8037 vectors)", () => {
  it("computes the RFC 7638 thumbprint of the RFC 8037 key", () => {
    expect(thumbprint({ kty: "OKP", crv: "Ed25519", x: RFC_JWK.x })).toBe(RFC_THUMBPRINT);
  });

  it("signs as the RFC does (Ed25519 is deterministic) and checks the RFC's signature", () => {
    const privateKey = createPrivateKey({ key: RFC_JWK, format: "jwk" });
    expect(publicJwkOf(privateKey)).toEqual({ kty: "OKP", crv: "Ed25519", x: RFC_JWK.x });
    const [h = "", p = "", s = ""] = RFC_JWS.split(".");
    const jws = { header: { alg: "EdDSA" }, payload: null, signingInput: `${h}.${p}`, signature: Buffer.from(s, "base64url") };
    expect(signatureValid(jws, keyObjectOf(publicJwkOf(privateKey)))).toBe(true);
    expect(signatureValid({ ...jws, signingInput: `${h}.${b64("Example of Ed25519 signinG")}` }, keyObjectOf(publicJwkOf(privateKey)))).toBe(false);
  });

  it("writes header and payload as canonical JSON, and decodes them back", () => {
    const s = signer();
    const token = signJws({ b: 1, a: [true, "x"] }, s.privateKey, s.kid);
    const [h = "", p = ""] = token.split(".");
    expect(Buffer.from(h, "base64url").toString()).toBe(canonicalJson({ alg: "EdDSA", typ: "JWT", kid: s.kid }));
    expect(Buffer.from(p, "base64url").toString()).toBe('{"a":[true,"x"],"b":1}');
    const decoded = decodeJws(token);
    expect("jws" in decoded && decoded.jws.payload).toEqual({ a: [true, "x"], b: 1 });
  });

  it.each([
    ["a.b", "a compact JWS has 3 dot-separated parts, this has 2"],
    ["a.b.c.d", "a compact JWS has 3 dot-separated parts, this has 4"],
    [`${b64({ alg: "EdDSA" })}.a+b.c`, "its parts must be base64url"],
    [`${b64("[1]")}.${b64({})}.`, "its header is not a JSON object"],
    [`${b64({ kid: "k" })}.${b64({})}.`, "its header has no alg"],
    [`${b64({ alg: "EdDSA" })}.${b64("not json")}.`, "its payload is not JSON"],
  ])("refuses %s as a JWS", (token, error) => {
    expect(decodeJws(token)).toEqual({ error });
  });

  it("reads public JWKs and refuses private, foreign or malformed ones", () => {
    expect(readPublicJwk({ kty: "OKP", crv: "Ed25519", x: RFC_JWK.x })).toEqual({ jwk: { kty: "OKP", crv: "Ed25519", x: RFC_JWK.x }, kid: RFC_THUMBPRINT });
    expect(readPublicJwk({ kty: "OKP", crv: "Ed25519", x: RFC_JWK.x, kid: "k1", iss: "lab", benchmarks: ["a/b"] })).toMatchObject({ kid: "k1", iss: "lab", benchmarks: ["a/b"] });
    expect(readPublicJwk(RFC_JWK)).toEqual({ error: "this JWK holds a private key (member d); give the public key only" });
    expect(readPublicJwk({ kty: "EC", crv: "P-256", x: "a", y: "b" })).toMatchObject({ error: expect.stringContaining("only Ed25519 keys") });
    expect(readPublicJwk({ kty: "OKP", crv: "Ed25519", x: "short" })).toEqual({ error: "x must be the 32-byte public key in base64url" });
    expect(readPublicJwk({ kty: "OKP", crv: "Ed25519", x: RFC_JWK.x, alg: "ES256" })).toEqual({ error: "alg must be EdDSA, not ES256" });
    expect(readPublicJwks({ keys: [] })).toEqual({ error: "the JWKS has no keys" });
    expect(readPublicJwks({ keys: [{ kty: "OKP", crv: "Ed25519", x: RFC_JWK.x }, RFC_JWK] })).toEqual({ error: "key 2: this JWK holds a private key (member d); give the public key only" });
  });

  it("publishes a JWKS that reads back as the same trusted keys, and refuses keys naming no issuer", () => {
    const keys: TrustedKey[] = [signer("evalhub").trusted, { ...signer("lab").trusted, benchmarks: ["bench/beta"] }];
    const doc = JSON.parse(JSON.stringify(jwksDocument(keys))) as { keys: Record<string, unknown>[] };
    expect(doc.keys.map((k) => [k.alg, k.use, k.iss, k.benchmarks])).toEqual([["EdDSA", "sig", "evalhub", undefined], ["EdDSA", "sig", "lab", ["bench/beta"]]]);
    expect(trustedKeysOfJwks(doc)).toEqual(keys);
    const { iss: _iss, ...nameless } = doc.keys[0]!;
    expect(trustedKeysOfJwks({ keys: [nameless] })).toEqual({ error: `key ${keys[0]!.kid} has no iss member, so its issuer is unknown` });
  });
});

describe("verifyResult", () => {
  const s = signer();
  const trust = trustSet([s.trusted]);
  const token = signResult(subject, s, { iat: 1_700_000_000, jti: "j1" });
  const [header = "", payload = "", signature = ""] = token.split(".");
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
  /** The token with another header or payload, keeping the original signature. */
  const forged = (h: unknown, p: unknown = claims) => `${b64(h)}.${b64(p)}.${signature}`;
  /** A token properly signed by `s` over any header and payload. */
  const signed = (h: unknown, p: unknown) => {
    const input = `${b64(h)}.${b64(p)}`;
    return `${input}.${sign(null, Buffer.from(input, "ascii"), s.privateKey).toString("base64url")}`;
  };

  it("verifies a token signed by a trusted key over claims equal to the entry", () => {
    expect(claims).toEqual({ iss: "lab", iat: 1_700_000_000, jti: "j1", model: "acme/m1", dataset: "bench/alpha", task_id: "t1", value: 0.6 });
    expect(verifyResult(token, subject, trust)).toEqual({ verified: true, reason: null, issuer: "lab" });
    expect(verifyResult(token, { ...subject, model: "ACME/M1", dataset: "Bench/Alpha" }, trust).verified).toBe(true);
  });

  it.each<[string, () => string, string]>([
    ["an empty token", () => "", "malformed token: a compact JWS has 3 dot-separated parts, this has 1"],
    ["a tampered payload", () => forged(JSON.parse(Buffer.from(header, "base64url").toString()), { ...claims, value: 0.9 }), "bad signature"],
    ["a tampered header", () => forged({ alg: "EdDSA", typ: "JWT", kid: s.kid, x5u: "https://evil" }), "bad signature"],
    ["a tampered signature", () => `${header}.${payload}.${signature.slice(0, -4)}AAAA`, "bad signature"],
    ["a truncated signature", () => `${header}.${payload}.${signature.slice(0, 20)}`, "bad signature"],
    ["a wrong alg", () => forged({ alg: "HS256", typ: "JWT", kid: s.kid }), "unsupported alg HS256: only EdDSA tokens are accepted"],
    ["alg none", () => `${b64({ alg: "none", kid: s.kid })}.${payload}.`, "unsupported alg none: only EdDSA tokens are accepted"],
    ["a missing kid", () => forged({ alg: "EdDSA", typ: "JWT" }), "token has no kid"],
    ["an unknown kid", () => forged({ alg: "EdDSA", typ: "JWT", kid: "other" }), "unknown key other: no trusted issuer has it"],
    ["a crit header", () => forged({ alg: "EdDSA", kid: s.kid, crit: ["exp"] }), "unsupported critical header parameters (crit)"],
  ])("refuses %s", (_name, make, reason) => {
    expect(verifyResult(make(), subject, trust)).toEqual({ verified: false, reason, issuer: null });
  });

  it("says when there is no token at all", () => {
    expect(verifyResult(undefined, subject, trust)).toEqual({ verified: false, reason: "no token", issuer: null });
  });

  it.each<[string, Partial<ResultSubject>, string]>([
    ["value", { value: 0.5 }, "claim value 0.6 ≠ entry 0.5"],
    ["model", { model: "acme/m2" }, "token copied from another entry: model acme/m1, dataset bench/alpha, task t1"],
    ["dataset", { dataset: "bench/beta" }, "token copied from another entry: model acme/m1, dataset bench/alpha, task t1"],
    ["task", { taskId: "t2" }, "token copied from another entry: model acme/m1, dataset bench/alpha, task t1"],
    ["dataset revision", { datasetRevision: "abc" }, "claim dataset_revision (none) ≠ entry abc"],
    ["model revision", { modelRevision: "def" }, "claim model_revision (none) ≠ entry def"],
    ["evidence hash", { evidenceSha256: "0".repeat(64) }, `claim evidence_sha256 (none) ≠ entry ${"0".repeat(64)}`],
  ])("refuses a token whose claims differ from the entry's %s", (_name, change, reason) => {
    expect(verifyResult(token, { ...subject, ...change }, trust)).toEqual({ verified: false, reason, issuer: null });
  });

  it("binds revisions and the evidence hash when the token has them", () => {
    const pinned = { ...subject, modelRevision: "r1", datasetRevision: "d1", evidenceSha256: "a".repeat(64) };
    const t = signResult(pinned, s, { iat: 1, jti: "j2" });
    expect(verifyResult(t, pinned, trust).verified).toBe(true);
    expect(verifyResult(t, { ...pinned, datasetRevision: null }, trust).reason).toBe("claim dataset_revision d1 ≠ entry (none)");
    expect(verifyResult(t, { ...pinned, modelRevision: "r2" }, trust).reason).toBe("claim model_revision r1 ≠ entry r2");
  });

  it("checks the claims themselves, and that they name the key's issuer", () => {
    const h = { alg: "EdDSA", typ: "JWT", kid: s.kid };
    expect(verifyResult(signed(h, { ...claims, exp: 1 }), subject, trust).reason).toBe("malformed claims: unknown claim exp");
    expect(verifyResult(signed(h, { ...claims, value: "0.6" }), subject, trust).reason).toMatch(/^malformed claims: claim value: /);
    expect(verifyResult(signed(h, { ...claims, iss: "evalhub" }), subject, trust).reason).toBe(`token names issuer evalhub but key ${s.kid} belongs to lab`);
  });

  it("trusts an issuer only for its benchmarks", () => {
    const scoped = trustSet([{ ...s.trusted, benchmarks: ["bench/beta"] }]);
    expect(verifyResult(token, subject, scoped)).toEqual({ verified: false, reason: "issuer lab is not trusted for bench/alpha", issuer: null });
    expect(verifyResult(token, subject, trustSet([{ ...s.trusted, benchmarks: ["bench/beta", "BENCH/ALPHA"] }])).verified).toBe(true);
  });
});
