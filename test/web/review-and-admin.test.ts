import { generateKeyPairSync } from "node:crypto";
import { expect, it } from "vitest";
import { describeEachDialectWithHub, type HubProcess } from "../support/hub-process.ts";
import { WebClient } from "../support/web-client.ts";
import { call, createRepoAs, fileLine, headerLine, ndjson, postCommit } from "../support/write-api.ts";

const EVAL_YAML = "name: Web bench\ndescription: For the web tests\nevaluation_framework: math-arena\ntasks:\n  - id: score\n";
const result = (value: number, notes: string) => `- dataset:\n    id: webowner/web-bench\n    task_id: score\n  value: ${value}\n  notes: "${notes}"\n`;

/** A user signed up through the web form, with its browser. */
async function signUp(hub: HubProcess, name: string): Promise<WebClient> {
  const browser = new WebClient(hub);
  const csrf = await browser.csrfFrom("/join");
  const res = await browser.post("/join", { username: name, password: `${name} password`, password_again: `${name} password`, _csrf: csrf });
  expect(res.status).toBe(303);
  return browser;
}

/** A write token made on the tokens page. */
async function webToken(browser: WebClient): Promise<string> {
  const csrf = await browser.csrfFrom("/settings/tokens");
  const page = await (await browser.post("/settings/tokens", { name: "t", role: "write", _csrf: csrf })).text();
  const token = /id="new-token">\s*(hf_[A-Za-z0-9]+)/.exec(page)?.[1];
  if (!token) throw new Error("no token shown");
  return token;
}

async function signIn(hub: HubProcess, name: string, password: string): Promise<WebClient> {
  const browser = new WebClient(hub);
  const csrf = await browser.csrfFrom("/login");
  expect((await browser.post("/login", { username: name, password, _csrf: csrf })).status).toBe(303);
  return browser;
}

describeEachDialectWithHub("pull-request pages and site admin pages", (getHub) => {
  it("shows the scores a pull request changes, and only the buttons the policy allows", async () => {
    const hub = getHub();
    const owner = await signUp(hub, "webowner");
    const ownerToken = await webToken(owner);
    const contributorToken = await webToken(await signUp(hub, "webcontrib"));
    await createRepoAs(hub, ownerToken, "webowner/web-bench", { kind: "dataset" });
    expect((await postCommit(hub, ownerToken, "webowner/web-bench", ndjson(headerLine("bench"), fileLine("eval.yaml", EVAL_YAML)), { kind: "dataset" })).status).toBe(200);
    await createRepoAs(hub, ownerToken, "webowner/m");
    expect((await postCommit(hub, ownerToken, "webowner/m", ndjson(headerLine("results"), fileLine(".eval_results/a.yaml", result(50, "old"))))).status).toBe(200);
    const pr = await postCommit(hub, contributorToken, "webowner/m", ndjson(headerLine("<script>alert(1)</script> change"), fileLine(".eval_results/a.yaml", result(55, "new")), fileLine(".eval_results/b.yaml", result(60, "<img src=x onerror=alert(1)>"))), { createPr: true });
    expect(pr.status).toBe(200);
    const comment = await call(hub, "POST", "/api/models/webowner/m/discussions/1/comment", { token: contributorToken, json: { comment: "Looks **good** <script>alert(2)</script>" } });
    expect(comment.status).toBe(200);

    const page = await (await owner.get("/webowner/m/discussions/1")).text();
    expect(page).toMatch(/class="change-changed"[\s\S]*?>50<[\s\S]*?>55</);
    expect(page).toMatch(/class="change-added"[\s\S]*?>60</);
    expect(page).toContain("<strong>good</strong>");
    expect(page).not.toContain("<script>alert");
    expect(page).not.toContain("<img src=x");
    expect(page).toContain("Merge pull request");
    expect(page).toContain(">Close<");

    // Someone else who is signed in may comment but neither merge nor close.
    const stranger = await signUp(hub, "webstranger");
    const seen = await (await stranger.get("/webowner/m/discussions/1")).text();
    expect(seen).not.toContain("Merge pull request");
    expect(seen).not.toContain(">Close<");
    expect(seen).toContain('name="comment"');
    const csrf = await stranger.csrfFrom("/webowner/m/discussions/1");
    expect((await stranger.post("/webowner/m/discussions/1/merge", { _csrf: csrf })).status).toBe(403);
    const commented = await stranger.post("/webowner/m/discussions/1/comment", { comment: "A *stranger* says hi", _csrf: csrf });
    expect(commented.status).toBe(303);
    expect(await (await owner.get("/webowner/m/discussions/1")).text()).toContain("<em>stranger</em> says hi");

    // Anonymous visitors see the conversation and a sign-in link, no forms.
    const anonymous = await (await new WebClient(hub).get("/webowner/m/discussions/1")).text();
    expect(anonymous).toContain("Sign in</a> to comment");
    expect(anonymous).not.toContain('name="comment"');

    const ownerCsrf = await owner.csrfFrom("/webowner/m/discussions/1");
    expect((await owner.post("/webowner/m/discussions/1/merge", { _csrf: ownerCsrf })).status).toBe(303);
    const again = await owner.post("/webowner/m/discussions/1/merge", { _csrf: ownerCsrf });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("already merged");
    expect(await (await owner.get("/webowner/m/discussions?status=merged")).text()).toContain("change</strong>");
    expect(await (await owner.get("/webowner/m/discussions?status=open")).text()).toContain("Nothing here");

    // Repository settings: its admins make it private; then it is a 404 to others.
    expect((await stranger.get("/webowner/m/settings")).status).toBe(403);
    expect((await owner.post("/webowner/m/settings", { visibility: "private", _csrf: ownerCsrf })).status).toBe(303);
    expect((await new WebClient(hub).get("/webowner/m/discussions/1")).status).toBe(404);
    expect((await stranger.get("/webowner/m/discussions")).status).toBe(404);
    expect(await (await owner.get("/webowner/m/settings")).text()).toMatch(/value="private" checked/);
  });

  it("lets a site admin mark benchmarks official and manage trusted issuers; others are refused", async () => {
    const hub = getHub();
    // The bootstrap admin has only a token; `evalhub user password` lets it sign in on the web.
    await hub.cli(["user", "password", "admin"], { input: "root password 1\n" });
    const admin = await signIn(hub, "admin", "root password 1");

    const listing = await (await admin.get("/admin/benchmarks")).text();
    expect(listing).toContain("webowner/web-bench");
    const csrf = await admin.csrfFrom("/admin/benchmarks");
    expect((await admin.post("/admin/benchmarks/official", { dataset: "webowner/web-bench", official: "1", _csrf: csrf })).status).toBe(303);
    expect(((await (await call(hub, "GET", "/api/datasets/webowner/web-bench/benchmark")).json()) as { official: boolean }).official).toBe(true);

    const jwk = generateKeyPairSync("ed25519").publicKey.export({ format: "jwk" });
    const added = await admin.post("/admin/issuers", { name: "lab-signer", jwk: JSON.stringify(jwk), benchmarks: "webowner/web-bench", _csrf: csrf });
    expect(added.status).toBe(303);
    const issuers = (await (await call(hub, "GET", "/api/admin/issuers", { token: hub.adminToken })).json()) as { name: string; benchmarks: string[] | null }[];
    expect(issuers.find((i) => i.name === "lab-signer")?.benchmarks).toEqual(["webowner/web-bench"]);
    const badKey = await admin.post("/admin/issuers", { name: "broken", jwk: "{not json", _csrf: csrf });
    expect(badKey.status).toBe(400);
    expect((await admin.post("/admin/issuers/lab-signer/remove", { _csrf: csrf })).status).toBe(303);
    expect(await (await admin.get("/admin/issuers")).text()).not.toContain("lab-signer");
    expect(await (await admin.get("/admin/frameworks")).text()).toContain("inspect-ai");

    const user = await signUp(hub, "webnobody");
    expect((await user.get("/admin/benchmarks")).status).toBe(403);
    const userCsrf = await user.csrfFrom("/settings/tokens");
    expect((await user.post("/admin/benchmarks/official", { dataset: "webowner/web-bench", official: "0", _csrf: userCsrf })).status).toBe(403);
    expect((await new WebClient(hub).get("/admin/issuers")).status).toBe(303);
  });
});
