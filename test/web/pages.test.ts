import { beforeAll, expect, it } from "vitest";
import { describeEachDialectWithHub } from "../support/hub-process.ts";
import { commitTo } from "../support/results-hub.ts";
import { call, createRepoAs } from "../support/write-api.ts";

// The pages, over HTTP against a real hub: status, the content that must be there, user text escaped,
// private repositories a 404 to strangers; and the shell: static files, HTML and JSON 404s, security headers.

const HTML = { accept: "text/html" };

const EVAL_YAML = "name: Arith\ndescription: Sums <b>and</b> products\nevaluation_framework: math-arena\ntasks:\n  - id: easy\n  - id: hard\n";
const README = "---\nlicense: mit\npretty_name: SECRET_FRONT_MATTER\n---\n# Arith card\n\nSome **bold** text. <script>window.__xss=1</script> [bad](javascript:alert(1))\n";

const results = (entries: { task: string; value: number; notes?: string; source?: string; sourceName?: string }[], dataset = "owner1/arith") =>
  entries
    .map((e) =>
      [
        `- dataset:\n    id: ${dataset}\n    task_id: ${e.task}\n  value: ${e.value}\n`,
        e.notes ? `  notes: ${JSON.stringify(e.notes)}\n` : "",
        e.source ? `  source:\n    url: ${JSON.stringify(e.source)}\n${e.sourceName ? `    name: ${JSON.stringify(e.sourceName)}\n` : ""}` : "",
      ].join(""),
    )
    .join("");

async function page(url: string, path: string, token?: string): Promise<{ status: number; text: string; res: Response }> {
  const res = await fetch(`${url}${path}`, { headers: { ...HTML, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  return { status: res.status, text: await res.text(), res };
}

describeEachDialectWithHub("web pages", (getHub) => {
  let owner = "";
  let other = "";

  beforeAll(async () => {
    const hub = getHub();
    owner = await hub.createUser("owner1");
    other = await hub.createUser("other1");
    await createRepoAs(hub, owner, "owner1/arith", { kind: "dataset" });
    await commitTo(hub, owner, "owner1/arith", { "eval.yaml": EVAL_YAML, "README.md": README }, { kind: "dataset" });
    await createRepoAs(hub, owner, "owner1/small-model");
    await commitTo(hub, owner, "owner1/small-model", {
      "README.md": "# Small model\n\n<img src=x onerror=alert(1)>",
      ".eval_results/arith.yaml": results([
        { task: "easy", value: 0.75, notes: "<script>window.__xss=1</script>", source: "https://example.org/small", sourceName: "<b>src</b>" },
        { task: "hard", value: 0.25, source: "javascript:alert(1)" },
        { task: "hardest", value: 0.1 },
      ]),
    });
    await createRepoAs(hub, owner, "owner1/big-model");
    await commitTo(hub, owner, "owner1/big-model", { ".eval_results/arith.yaml": results([{ task: "easy", value: 0.5, notes: "=1+1", source: "https://example.org/run", sourceName: "Run log" }]) });
    await commitTo(hub, other, "owner1/big-model", { ".eval_results/community.yaml": results([{ task: "easy", value: 0.9, notes: "community run" }]) }, { createPr: true });
    await createRepoAs(hub, owner, "owner1/broken-bench", { kind: "dataset" });
    await commitTo(hub, owner, "owner1/broken-bench", { "eval.yaml": "name: Broken\ndescription: d\nevaluation_framework: math-arena\ntasks:\n  - id: 12\n" }, { kind: "dataset" });
    await createRepoAs(hub, owner, "owner1/secret-model", { private: true });
    await commitTo(hub, owner, "owner1/secret-model", { ".eval_results/arith.yaml": results([{ task: "easy", value: 0.99 }]) });
  });

  it("shows a benchmark's leaderboard with ranks, badges, tabs and downloads, escaping user text", async () => {
    const { status, text, res } = await page(getHub().url, "/datasets/owner1/arith");
    expect(status, text).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(text).toContain("Arith card");
    expect(text).not.toContain("SECRET_FRONT_MATTER");
    expect(text).not.toContain("<script>window.__xss");
    expect(text).toContain("&lt;script&gt;window.__xss=1&lt;/script&gt;");
    expect(text).not.toContain('href="javascript:');
    expect(text).toContain('href="/datasets/owner1/arith?task_id=hard"');
    expect(text).toMatch(/owner1\/big-model[\s\S]*owner1\/small-model/);
    expect(text).toContain("community");
    expect(text).toContain("source: &lt;b&gt;src&lt;/b&gt;");
    expect(text).not.toContain("secret-model");
    expect(text).toContain("leaderboard.csv?task_id=easy");
    expect(text).toContain("/api/datasets/owner1/arith/leaderboard?task_id=easy");
    expect(text).toContain("<svg");
  });

  it("filters and sorts through GET parameters", async () => {
    const noCommunity = await page(getHub().url, "/datasets/owner1/arith?task_id=easy&include_community=0");
    expect(noCommunity.status).toBe(200);
    expect(noCommunity.text).not.toContain("badge community");
    const ascending = await page(getHub().url, "/datasets/owner1/arith?task_id=easy&include_community=0&sort=value");
    expect(ascending.text.indexOf("owner1/big-model\"")).toBeLessThan(ascending.text.indexOf("owner1/small-model\""));
    const byRank = await page(getHub().url, "/datasets/owner1/arith?task_id=easy&include_community=0");
    expect(byRank.text.indexOf("owner1/small-model\"")).toBeLessThan(byRank.text.indexOf("owner1/big-model\""));
    const past = await page(getHub().url, "/datasets/owner1/arith?task_id=easy&as_of=2000-01-01");
    expect(past.status).toBe(200);
    expect(past.text).toContain("No results match these filters yet.");
    expect(past.text).toContain('value="2000-01-01"');
    const setup = await page(getHub().url, "/datasets/owner1/arith?task_id=easy&setup=nonsense=1");
    expect(setup.status).toBe(400);
    expect(setup.text).toContain("not a setup field");
    const bad = await page(getHub().url, "/datasets/owner1/arith?max_params=lots");
    expect(bad.status).toBe(400);
    expect(bad.res.headers.get("content-type")).toContain("text/html");
  });

  it("downloads the leaderboard as CSV", async () => {
    const res = await fetch(`${getHub().url}/datasets/owner1/arith/leaderboard.csv?task_id=easy&include_community=0`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toMatch(/^"rank","model","value"/);
    expect(lines[1]).toMatch(/^1,"owner1\/small-model",0.75,/);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain(`"'=1+1"`);
  });

  it("shows a model's entries with badges, warnings and links, and no moderation forms for strangers", async () => {
    const { status, text } = await page(getHub().url, "/owner1/small-model");
    expect(status, text).toBe(200);
    expect(text).toContain("<code>hardest</code> is not a task of <code>owner1/arith</code>");
    expect(text).toContain("did you mean");
    expect(text).toContain("/owner1/small-model/blob/");
    expect(text).toContain("/owner1/small-model/commit/");
    expect(text).toContain("&lt;script&gt;window.__xss=1&lt;/script&gt;");
    expect(text).not.toContain("<script>window.__xss");
    expect(text).not.toContain("<img src=x");
    expect(text).not.toContain('href="javascript:');
    expect(text).toContain("source.url: must be an http(s) URL");
    expect(text).toContain("source: &lt;b&gt;src&lt;/b&gt;");
    expect(text).not.toContain("/results/hide");
  });

  it("offers hide forms to the repository's writers", async () => {
    const { text } = await page(getHub().url, "/owner1/small-model", owner);
    expect(text).toContain("/owner1/small-model/results/hide");
  });

  it("answers a private repository with a 404 page to strangers and shows it to its owner", async () => {
    for (const path of ["/owner1/secret-model", "/owner1/secret-model/tree/main", "/owner1/secret-model/blob/main/.eval_results/arith.yaml", "/owner1/secret-model/commits/main"]) {
      const stranger = await page(getHub().url, path, other);
      expect(stranger.status, path).toBe(404);
      expect(stranger.text).not.toContain("0.99");
      const anonymous = await page(getHub().url, path);
      expect(anonymous.status, path).toBe(404);
    }
    expect((await page(getHub().url, "/owner1/secret-model", owner)).status).toBe(200);
  });

  it("shows the home page with benchmarks, their top models, recent results and pull requests", async () => {
    const { status, text } = await page(getHub().url, "/");
    expect(status).toBe(200);
    expect(text).toContain('href="/datasets/owner1/arith"');
    expect(text).toMatch(/Top on easy[\s\S]*owner1\/small-model/);
    expect(text).toContain("Recent results");
    expect(text).toContain("/owner1/big-model/discussions/1");
    expect(text).not.toContain("secret-model");
  });

  it("searches models and benchmarks, escaping the query", async () => {
    const { status, text } = await page(getHub().url, "/search?q=small");
    expect(status).toBe(200);
    expect(text).toContain('href="/owner1/small-model"');
    expect(text).not.toContain('href="/owner1/big-model"');
    const benchmarks = await page(getHub().url, "/search?q=arith&type=benchmarks");
    expect(benchmarks.text).toContain('href="/datasets/owner1/arith"');
    const hostile = await page(getHub().url, `/search?q=${encodeURIComponent('"><script>window.__xss=1</script>')}`);
    expect(hostile.status).toBe(200);
    expect(hostile.text).not.toContain("<script>window.__xss");
    expect((await page(getHub().url, "/search?q=secret")).text).not.toContain("secret-model");
    expect((await page(getHub().url, "/search?q=secret", owner)).text).toContain("secret-model");
  });

  it("lists files, shows a file with line anchors and a raw link, and the history with diffs", async () => {
    const tree = await page(getHub().url, "/owner1/small-model/tree/main");
    expect(tree.status).toBe(200);
    expect(tree.text).toContain('href="/owner1/small-model/tree/main/.eval_results"');
    const folder = await page(getHub().url, "/owner1/small-model/tree/main/.eval_results");
    expect(folder.text).toContain('href="/owner1/small-model/blob/main/.eval_results/arith.yaml"');
    const blob = await page(getHub().url, "/owner1/small-model/blob/main/README.md");
    expect(blob.status).toBe(200);
    expect(blob.text).toContain('id="L3"');
    expect(blob.text).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(blob.text).toContain('href="/owner1/small-model/resolve/main/README.md"');
    const commits = await page(getHub().url, "/owner1/small-model/commits/main");
    expect(commits.status).toBe(200);
    const sha = /\/owner1\/small-model\/commit\/([0-9a-f]{40})/.exec(commits.text)?.[1];
    expect(sha).toBeDefined();
    const commit = await page(getHub().url, `/owner1/small-model/commit/${sha}`);
    expect(commit.status).toBe(200);
    expect(commit.text).toContain('class="line add"');
    expect((await page(getHub().url, "/owner1/small-model/blob/main/missing.txt")).status).toBe(404);
    expect((await page(getHub().url, "/owner1/small-model/commit/zzzz")).status).toBe(404);
  });

  it("marks the problems of a results file and of an invalid eval.yaml, line by line", async () => {
    const results = await page(getHub().url, "/owner1/small-model/blob/main/.eval_results/arith.yaml");
    expect(results.text).toContain("must be an http(s) URL");
    expect(results.text).toMatch(/class="line problem" id="L1\d"/);
    const yaml = await page(getHub().url, "/datasets/owner1/broken-bench/blob/main/eval.yaml");
    expect(yaml.status).toBe(200);
    expect(yaml.text).toContain("banner error");
    expect(yaml.text).toMatch(/eval\.yaml:\d+:\d+/);
    expect(yaml.text).toContain('class="line problem"');
    const bench = await page(getHub().url, "/datasets/owner1/broken-bench");
    expect(bench.status).toBe(200);
    expect(bench.text).toContain("eval.yaml on main is invalid");
    expect(bench.text).toContain('href="/datasets/owner1/broken-bench/blob/main/eval.yaml#L');
  });

  it("embeds a leaderboard in any site with Hugging Face's parameters", async () => {
    const { status, text, res } = await page(getHub().url, "/datasets/owner1/arith/embed/leaderboard?leaderboard_task_id=hard&eval_result=owner1/small-model&leaderboard_max_params=7B");
    expect(status, text).toBe(400);
    const sized = await page(getHub().url, "/datasets/owner1/arith/embed/leaderboard?leaderboard_task_id=easy&leaderboard_max_params=6B");
    expect(sized.status).toBe(200);
    expect(sized.text).toContain("≤ 6B");
    expect(sized.text).not.toContain("owner1/small-model\"");
    const ok = await page(getHub().url, "/datasets/owner1/arith/embed/leaderboard?leaderboard_task_id=easy&eval_result=owner1/small-model");
    expect(ok.status).toBe(200);
    expect(ok.res.headers.get("content-security-policy")).toContain("frame-ancestors *");
    expect(ok.res.headers.get("x-frame-options")).toBeNull();
    expect(ok.text).toContain('class="highlight"');
    expect(ok.text).not.toContain("site-header");
    expect(res.headers.get("content-type")).toContain("text/html");
    expect((await page(getHub().url, "/datasets/owner1/arith/embed/leaderboard?leaderboard_task_id=nope")).status).toBe(404);
  });

  it("draws SVG badges of a model's score, and a 404 for what the viewer may not read", async () => {
    const res = await fetch(`${getHub().url}/api/badge/owner1/small-model/owner1/arith/easy`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("image/svg+xml");
    const svg = await res.text();
    expect(svg).toContain("<svg");
    expect(svg).toContain("0.75");
    const first = await (await fetch(`${getHub().url}/api/badge/owner1/small-model/owner1/arith`)).text();
    expect(first).toContain("arith easy");
    expect(await (await fetch(`${getHub().url}/api/badge/owner1/big-model/owner1/arith/hard`)).text()).toContain("no result");
    expect((await fetch(`${getHub().url}/api/badge/owner1/secret-model/owner1/arith/easy`)).status).toBe(404);
    expect((await fetch(`${getHub().url}/api/badge/owner1/small-model/owner1/arith/nope`)).status).toBe(404);
  });

  it("serves the stylesheet with its type, a validator and a cache lifetime", async () => {
    const res = await fetch(`${getHub().url}/static/evalhub.css`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(res.headers.get("cache-control")).toMatch(/max-age=\d+/);
    expect(await res.text()).toContain(".badge");
    const again = await fetch(`${getHub().url}/static/evalhub.css`, { headers: { "if-none-match": res.headers.get("etag") ?? "" } });
    expect(again.status).toBe(304);
  });

  it("serves nothing outside the static folder", async () => {
    for (const path of ["/static/..%2fapp.ts", "/static/%2e%2e%2fapp.ts", "/static/../app.ts", "/static/app.ts", "/static/", "/static/.hidden"]) {
      const res = await fetch(`${getHub().url}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).not.toContain("registerWebRoutes");
    }
  });

  it("answers a browser's unknown address with an HTML page carrying the security headers", async () => {
    const res = await fetch(`${getHub().url}/no/such/page/here`, { headers: HTML });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await res.text()).toContain("Not found");
  });

  it("keeps JSON 404s for API clients, even when they accept HTML", async () => {
    const api = await fetch(`${getHub().url}/api/models/nobody/nothing`, { headers: HTML });
    expect(api.status).toBe(404);
    expect(api.headers.get("content-type")).toContain("application/json");
    expect(api.headers.get("x-error-code")).toBeTruthy();
    const plain = await fetch(`${getHub().url}/no/such/page/here`);
    expect(plain.status).toBe(404);
    expect(plain.headers.get("content-type")).toContain("application/json");
  });

  it("keeps the JSON API unchanged next to the pages", async () => {
    const res = await call(getHub(), "GET", "/api/datasets/owner1/arith/leaderboard?task_id=easy", { headers: HTML });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
  });
});
