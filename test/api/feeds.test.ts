import { beforeAll, expect, it } from "vitest";
import { describeEachDialectWithHub } from "../support/hub-process.ts";
import { commitTo } from "../support/results-hub.ts";
import { call, createRepoAs } from "../support/write-api.ts";
import { childText, childrenNamed, parseXml, type XmlElement } from "../support/xml-check.ts";

// Atom feeds of new and changed scores, per benchmark and per model.

const evalYaml = "name: Feed bench\ndescription: A benchmark for feed tests\nevaluation_framework: math-arena\ntasks:\n  - id: score\n";
const entry = (dataset: string, task: string, value: number) => `- dataset:\n    id: ${dataset}\n    task_id: ${JSON.stringify(task)}\n  value: ${value}\n`;

describeEachDialectWithHub("Atom feeds", (getHub) => {
  let owner = "";

  beforeAll(async () => {
    const hub = getHub();
    owner = await hub.createUser("feeder");
    await createRepoAs(hub, owner, "feeder/bench", { kind: "dataset" });
    await commitTo(hub, owner, "feeder/bench", { "eval.yaml": evalYaml }, { kind: "dataset" });
    await createRepoAs(hub, owner, "feeder/model");
    await commitTo(hub, owner, "feeder/model", { ".eval_results/a.yaml": entry("feeder/bench", "score", 0.5) });
    await commitTo(hub, owner, "feeder/model", { ".eval_results/a.yaml": entry("feeder/bench", "score", 0.75) });
    // A task id full of markup must come out escaped, not as elements.
    await commitTo(hub, owner, "feeder/model", { ".eval_results/b.yaml": entry("feeder/bench", `<script>&"x'`, 1) });
    await createRepoAs(hub, owner, "feeder/private-model", { private: true });
    await commitTo(hub, owner, "feeder/private-model", { ".eval_results/a.yaml": entry("feeder/bench", "score", 0.9) });
    await createRepoAs(hub, owner, "feeder/private-bench", { kind: "dataset", private: true });
  });

  async function feed(path: string, token?: string): Promise<XmlElement> {
    const res = await call(getHub(), "GET", path, { token });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/atom\+xml/);
    const root = parseXml(text);
    expect(root.name).toBe("feed");
    expect(root.attributes.xmlns).toBe("http://www.w3.org/2005/Atom");
    for (const field of ["id", "title", "updated"]) expect(childText(root, field), field).toBeTruthy();
    expect(childText(childrenNamed(root, "author")[0]!, "name")).toBe("evalhub");
    for (const e of childrenNamed(root, "entry")) {
      for (const field of ["id", "title", "updated"]) expect(childText(e, field), field).toBeTruthy();
      expect(Number.isNaN(Date.parse(childText(e, "updated")!))).toBe(false);
    }
    return root;
  }
  const titles = (root: XmlElement) => childrenNamed(root, "entry").map((e) => childText(e, "title"));

  it("lists a benchmark's new and changed scores, newest first, escaped, without private models for strangers", async () => {
    const anonymous = titles(await feed("/api/datasets/feeder/bench/feed.atom"));
    expect(anonymous).toEqual([
      `feeder/model scored 1 on feeder/bench / <script>&"x'`,
      "feeder/model on feeder/bench / score: 0.5 → 0.75",
      "feeder/model scored 0.5 on feeder/bench / score",
    ]);
    const asOwner = titles(await feed("/datasets/feeder/bench/feed.atom", owner));
    expect(asOwner).toContain("feeder/private-model scored 0.9 on feeder/bench / score");
    expect(asOwner).toHaveLength(4);
  });

  it("lists a model's scores, and answers 404 for a private repository to strangers", async () => {
    const root = await feed("/api/models/feeder/model/feed.atom");
    expect(titles(root)).toHaveLength(3);
    const ids = childrenNamed(root, "entry").map((e) => childText(e, "id"));
    expect(new Set(ids).size).toBe(3);
    for (const path of ["/api/models/feeder/private-model/feed.atom", "/api/datasets/feeder/private-bench/feed.atom", "/api/datasets/feeder/nothing/feed.atom"]) {
      const res = await call(getHub(), "GET", path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("x-error-code")).toBe("RepoNotFound");
    }
    expect(titles(await feed("/api/models/feeder/private-model/feed.atom", owner))).toEqual(["feeder/private-model scored 0.9 on feeder/bench / score"]);
  });
});
