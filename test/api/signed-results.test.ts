import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDialectWithHub, EVALHUB_BIN, type HubProcess } from "../support/hub-process.ts";
import { board, commitTo, errorOf, getJson, modelResults } from "../support/results-hub.ts";
import { call, createRepoAs } from "../support/write-api.ts";

// Signed results end to end: tokens made with `evalhub sign` (the hub's key or an evaluator's), verified by the hub
// when indexed and by `evalhub verify` offline with only the JWKS; trust in evaluators managed by site admins.

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface Jwk {
  kty: string;
  crv: string;
  x: string;
  kid: string;
  alg: string;
  use: string;
  iss: string;
  benchmarks?: string[];
  d?: string;
}

/** `evalhub ARGS…` against the hub's data folder and database, with its exit code. */
const evalhub = (hub: HubProcess, ...args: string[]) =>
  new Promise<Run>((resolve) => {
    execFile(process.execPath, [EVALHUB_BIN, ...args], { env: hub.env, encoding: "utf8" }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr });
    });
  });

const entry = (dataset: string, task: string, value: number, extra = "") => `- dataset:\n    id: ${dataset}\n    task_id: ${task}\n  value: ${value}\n${extra}`;
const evalYaml = (name: string, tasks: string[]) => `name: ${name}\ndescription: ${name}, for the signing tests\nevaluation_framework: math-arena\ntasks:\n${tasks.map((t) => `  - id: ${t}\n`).join("")}`;
const tokenOf = (yaml: string, index = 0) => [...yaml.matchAll(/verifyToken: (\S+)/g)][index]?.[1] ?? "";

describeEachDialectWithHub("signed results", (getHub) => {
  const ALPHA = "sowner/alpha";
  const BETA = "sowner/beta";
  const work = mkdtempSync(join(tmpdir(), "evalhub-signing-"));
  let owner = "";
  let stranger = "";
  let hubKey = "";
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const verdicts = async (model: string) =>
    (await modelResults(getHub(), model)).map((r) => {
      const row = r as typeof r & { verifyReason: string | null; badges: { verifiedBy: string | null } };
      return [row.taskId, row.badges.verified, row.badges.verifiedBy, row.verifyReason];
    });

  /** Writes a results file, signs it with `evalhub sign`, and returns the signed text. */
  async function signed(name: string, yaml: string, key: string, issuer: string, model: string): Promise<{ path: string; text: string }> {
    const path = join(work, `${name}.yaml`);
    writeFileSync(path, yaml);
    const run = await evalhub(getHub(), "sign", path, "--key", key, "--issuer", issuer, "--model", model);
    expect(run, run.stderr).toMatchObject({ code: 0 });
    return { path, text: readFileSync(path, "utf8") };
  }

  const publish = (model: string, text: string, file = ".eval_results/alpha.yaml") => commitTo(getHub(), owner, model, { [file]: text });
  const jwks = () => getJson<{ keys: Jwk[] }>(getHub(), "/.well-known/jwks.json");

  beforeAll(async () => {
    const hub = getHub();
    owner = await hub.createUser("sowner");
    stranger = await hub.createUser("sstranger");
    hubKey = join(hub.dataDir, "keys", "hub-signing.pem");
    for (const [id, tasks] of [[ALPHA, ["t1", "t2"]], [BETA, ["t1"]]] as const) {
      await createRepoAs(hub, owner, id, { kind: "dataset" });
      await commitTo(hub, owner, id, { "eval.yaml": evalYaml(id, [...tasks]) }, { kind: "dataset" });
    }
    for (const m of ["m1", "m2", "m3", "m4", "m5"]) await createRepoAs(hub, owner, `sowner/${m}`);
  });

  it("creates the hub's key at first start (mode 0600) and publishes it with its issuer name", async () => {
    expect(statSync(hubKey).mode & 0o777).toBe(0o600);
    const res = await call(getHub(), "GET", "/.well-known/jwks.json");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const { keys } = (await res.json()) as { keys: Jwk[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toEqual({ kty: "OKP", crv: "Ed25519", x: expect.stringMatching(/^[\w-]{43}$/), kid: expect.stringMatching(/^[\w-]{43}$/), alg: "EdDSA", use: "sig", iss: "evalhub" });
  });

  describe("a result signed with the hub's key", () => {
    let original = { path: "", text: "" };
    beforeAll(async () => {
      original = await signed("hub-signed", `# acme's results\n${entry(ALPHA, "t1", 0.6)}${entry(ALPHA, "t2", 12.5, '  date: "2026-01-15"\n')}`, hubKey, "evalhub", "sowner/m1");
      await publish("sowner/m1", original.text);
    });

    it("keeps the file as written, with a token added after each value", () => {
      expect(original.text.replace(/verifyToken: \S+/g, "verifyToken: T")).toBe(
        `# acme's results\n${entry(ALPHA, "t1", 0.6, "  verifyToken: T\n")}${entry(ALPHA, "t2", 12.5, '  verifyToken: T\n  date: "2026-01-15"\n')}`,
      );
    });

    it("is verified by the hub: model results and the leaderboard name the issuer", async () => {
      expect(await verdicts("sowner/m1")).toEqual([["t1", true, "evalhub", null], ["t2", true, "evalhub", null]]);
      const row = (await board(getHub(), ALPHA, "task_id=t1")).find((r) => r.modelId === "sowner/m1");
      expect(row).toMatchObject({ verified: true, verifiedBy: "evalhub", value: 0.6 });
    });

    it("verifies offline with only the JWKS: from the hub's URL and from a saved file", async () => {
      const online = await evalhub(getHub(), "verify", original.path, "--jwks", `${getHub().url}/.well-known/jwks.json`, "--model", "sowner/m1");
      expect(online.code, online.stderr).toBe(0);
      expect(online.stdout).toContain(`${original.path}:2 [0] ${ALPHA} t1 = 0.6: verified by evalhub`);
      expect(online.stdout).toContain("2 of 2 entries verified");
      const saved = join(work, "hub.jwks.json");
      writeFileSync(saved, JSON.stringify(await jwks()));
      const offline = await evalhub(getHub(), "verify", original.path, "--jwks", saved, "--model", "sowner/m1", "--format", "json");
      expect(offline.code, offline.stderr).toBe(0);
      expect(JSON.parse(offline.stdout)).toMatchObject({ summary: { entries: 2, verified: 2 } });
    });

    it.each<[string, (text: string) => string, string]>([
      ["the value", (t) => t.replace("value: 0.6", "value: 0.61"), "claim value 0.6 ≠ entry 0.61"],
      ["the task", (t) => t.replace("task_id: t1", "task_id: t2"), `token copied from another entry: model sowner/m1, dataset ${ALPHA}, task t1`],
      ["the dataset", (t) => t.replace(`id: ${ALPHA}\n    task_id: t1`, `id: ${BETA}\n    task_id: t1`), `token copied from another entry: model sowner/m1, dataset ${ALPHA}, task t1`],
    ])("becomes unverified, with the reason, when %s changes", async (_what, change, reason) => {
      const changed = change(original.text);
      expect(changed).not.toBe(original.text);
      await publish("sowner/m1", changed);
      const [first, second] = await verdicts("sowner/m1");
      expect(first).toEqual([expect.any(String), false, null, reason]);
      expect(second).toEqual(["t2", true, "evalhub", null]);
      await publish("sowner/m1", original.text);
      expect((await verdicts("sowner/m1"))[0]).toEqual(["t1", true, "evalhub", null]);
    });

    it("becomes unverified when the file is copied to another model", async () => {
      await publish("sowner/m2", original.text);
      expect(await verdicts("sowner/m2")).toEqual([
        ["t1", false, null, `token copied from another entry: model sowner/m1, dataset ${ALPHA}, task t1`],
        ["t2", false, null, `token copied from another entry: model sowner/m1, dataset ${ALPHA}, task t2`],
      ]);
      const run = await evalhub(getHub(), "verify", original.path, "--jwks", `${getHub().url}/.well-known/jwks.json`, "--model", "sowner/m2");
      expect(run.code).toBe(1);
      expect(run.stdout).toContain("0 of 2 entries verified");
    });
  });

  it("does not verify a token copied onto another entry, nor `verified: true` written in the file", async () => {
    const one = await signed("copy-source", entry(ALPHA, "t1", 0.7), hubKey, "evalhub", "sowner/m3");
    const text = `${one.text}${entry(ALPHA, "t2", 0.7, `  verifyToken: ${tokenOf(one.text)}\n`)}${entry(ALPHA, "t2", 0.9, "  verified: true\n")}`;
    await publish("sowner/m3", text);
    expect(await verdicts("sowner/m3")).toEqual([
      ["t1", true, "evalhub", null],
      ["t2", false, null, `token copied from another entry: model sowner/m3, dataset ${ALPHA}, task t1`],
      ["t2", false, null, "no token"],
    ]);
    expect((await board(getHub(), ALPHA, "task_id=t2")).find((r) => r.modelId === "sowner/m3")).toMatchObject({ value: 0.9, verified: false });
    expect((await board(getHub(), ALPHA, "task_id=t2")).find((r) => r.modelId === "sowner/m3")).not.toHaveProperty("verifiedBy");
  });

  it("says offline why a changed file does not verify", async () => {
    const path = join(work, "changed.yaml");
    const text = readFileSync(join(work, "hub-signed.yaml"), "utf8");
    writeFileSync(path, text.replace("value: 12.5", "value: 13"));
    const run = await evalhub(getHub(), "verify", path, "--jwks", `${getHub().url}/.well-known/jwks.json`, "--model", "sowner/m1");
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${path}:2 [0] ${ALPHA} t1 = 0.6: verified by evalhub\n`);
    expect(run.stdout).toContain(`${path}:7 [1] ${ALPHA} t2 = 13: unverified: claim value 12.5 ≠ entry 13\n`);
    expect(run.stdout).toContain("1 of 2 entries verified");
  });

  describe("an evaluator's key", () => {
    let labJwk = "";
    let labKey = "";
    let file = { path: "", text: "" };
    const admin = () => getHub().adminToken;
    const onlyVerified = async (task: string) => (await board(getHub(), ALPHA, `task_id=${task}&verified_only=true`)).map((r) => [r.modelId, r.verified, (r as { verifiedBy?: string }).verifiedBy]);

    beforeAll(async () => {
      const run = await evalhub(getHub(), "keys", "generate", "--out", join(work, "keys"), "--name", "lab");
      expect(run.code, run.stderr).toBe(0);
      labJwk = join(work, "keys", "lab.jwk.json");
      labKey = join(work, "keys", "lab.pem");
      expect(statSync(labKey).mode & 0o777).toBe(0o600);
      const added = await evalhub(getHub(), "issuer", "add", "lab", "--jwk", labJwk, "--benchmark", BETA);
      expect(added.code, added.stderr).toBe(0);
      expect(added.stdout).toMatch(/^added issuer lab \(keys [\w-]+\), trusted for sowner\/beta;/);
      file = await signed("lab-signed", `${entry(ALPHA, "t1", 0.8)}${entry(BETA, "t1", 0.5)}`, labKey, "lab", "sowner/m4");
      await publish("sowner/m4", file.text);
    });

    it("is published in the JWKS with its issuer and benchmarks", async () => {
      const { kid } = JSON.parse(readFileSync(labJwk, "utf8")) as Jwk;
      expect((await jwks()).keys.map((k) => [k.iss, k.kid === kid, k.benchmarks])).toEqual([["evalhub", false, undefined], ["lab", true, [BETA]]]);
      const listed = await evalhub(getHub(), "issuer", "list");
      expect(listed.stdout).toMatch(/^evalhub \(this hub\)\tall benchmarks\t[\w-]+\nlab\tsowner\/beta\t[\w-]+\n$/);
    });

    it("verifies only for the benchmarks the issuer is trusted for, on the hub and offline", async () => {
      expect(await verdicts("sowner/m4")).toEqual([["t1", false, null, `issuer lab is not trusted for ${ALPHA}`], ["t1", true, "lab", null]]);
      const run = await evalhub(getHub(), "verify", file.path, "--jwks", `${getHub().url}/.well-known/jwks.json`, "--model", "sowner/m4");
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(`${ALPHA} t1 = 0.8: unverified: issuer lab is not trusted for ${ALPHA}`);
      expect(run.stdout).toContain(`${BETA} t1 = 0.5: verified by lab`);
      expect(await onlyVerified("t1")).toEqual([["sowner/m3", true, "evalhub"], ["sowner/m1", true, "evalhub"]]);
    });

    it("lets only site admins list and change issuers", async () => {
      expect(await errorOf(await call(getHub(), "GET", "/api/admin/issuers", { token: stranger }))).toMatchObject({ status: 403 });
      expect(await errorOf(await call(getHub(), "POST", "/api/admin/issuers", { json: { name: "lab", benchmarks: null } }))).toMatchObject({ status: 401 });
      expect(await errorOf(await call(getHub(), "POST", "/api/admin/issuers", { token: stranger, json: { name: "lab", benchmarks: null } }))).toMatchObject({ status: 403 });
      expect(await errorOf(await call(getHub(), "DELETE", "/api/admin/issuers/lab", { token: owner }))).toMatchObject({ status: 403 });
      const listed = await getJson<{ name: string; builtIn: boolean; benchmarks: string[] | null }[]>(getHub(), "/api/admin/issuers", { token: admin() });
      expect(listed.map((i) => [i.name, i.builtIn, i.benchmarks])).toEqual([["evalhub", true, null], ["lab", false, [BETA]]]);
    });

    it("refuses private keys, the hub's own name, keyless new issuers and a key another issuer holds", async () => {
      const { privateKey } = await import("node:crypto").then((c) => c.generateKeyPairSync("ed25519"));
      const secret = privateKey.export({ format: "jwk" });
      const post = async (json: unknown) => errorOf(await call(getHub(), "POST", "/api/admin/issuers", { token: admin(), json }));
      expect(await post({ name: "leaky", jwk: secret })).toMatchObject({ status: 400, code: "InvalidJwk", error: "this JWK holds a private key (member d); give the public key only" });
      expect(await post({ name: "EvalHub", jwk: { ...secret, d: undefined } })).toMatchObject({ status: 409, code: "IssuerReserved" });
      expect(await post({ name: "nokey" })).toMatchObject({ status: 400, code: "InvalidIssuer" });
      expect(await post({ name: "copycat", jwk: JSON.parse(readFileSync(labJwk, "utf8")) })).toMatchObject({ status: 409, code: "KeyInUse" });
      expect(await post({ name: "lab", benchmarks: ["not a dataset"] })).toMatchObject({ status: 400, code: "InvalidIssuer" });
      expect((await evalhub(getHub(), "issuer", "add", "bad name", "--jwk", labJwk)).code).toBe(2);
    });

    it("verifies once an admin trusts the issuer for that benchmark, before the request returns", async () => {
      const res = await call(getHub(), "POST", "/api/admin/issuers", { token: admin(), json: { name: "lab", benchmarks: [BETA, ALPHA] } });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ name: "lab", builtIn: false, benchmarks: [BETA, ALPHA], reverified: 4 });
      expect(await verdicts("sowner/m4")).toEqual([["t1", true, "lab", null], ["t1", true, "lab", null]]);
      expect(await onlyVerified("t1")).toEqual([["sowner/m4", true, "lab"], ["sowner/m3", true, "evalhub"], ["sowner/m1", true, "evalhub"]]);
      expect((await board(getHub(), ALPHA, "task_id=t1")).map((r) => r.modelId)).toContain("sowner/m2");
      const run = await evalhub(getHub(), "verify", file.path, "--jwks", `${getHub().url}/.well-known/jwks.json`, "--model", "sowner/m4");
      expect(run.code, run.stdout).toBe(0);
      const unchanged = await call(getHub(), "POST", "/api/admin/issuers", { token: admin(), json: { name: "LAB" } });
      expect(await unchanged.json()).toMatchObject({ name: "lab", benchmarks: [BETA, ALPHA] });
    });

    it("stops verifying once the issuer is removed", async () => {
      const { kid } = JSON.parse(readFileSync(labJwk, "utf8")) as Jwk;
      const res = await call(getHub(), "DELETE", "/api/admin/issuers/lab", { token: admin() });
      expect(res.status).toBe(200);
      expect(await verdicts("sowner/m4")).toEqual([["t1", false, null, `unknown key ${kid}: no trusted issuer has it`], ["t1", false, null, `unknown key ${kid}: no trusted issuer has it`]]);
      expect((await jwks()).keys.map((k) => k.iss)).toEqual(["evalhub"]);
      expect(await onlyVerified("t1")).toEqual([["sowner/m3", true, "evalhub"], ["sowner/m1", true, "evalhub"]]);
    });
  });

  it("keeps verification a function of git and the issuers: reindex --verify finds no difference", async () => {
    const run = await evalhub(getHub(), "reindex", "--verify");
    expect(run.code, `${run.stdout}${run.stderr}`).toBe(0);
  });

  it("sign refuses a file with invalid entries and leaves it unchanged", async () => {
    const path = join(work, "invalid.yaml");
    const text = `${entry(ALPHA, "t1", 0.6)}- dataset:\n    id: ${ALPHA}\n  value: high\n`;
    writeFileSync(path, text);
    const run = await evalhub(getHub(), "sign", path, "--key", hubKey, "--issuer", "evalhub", "--model", "sowner/m5");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("not signed: fix the errors first");
    expect(readFileSync(path, "utf8")).toBe(text);
  });
});
