import { expect, it } from "vitest";
import { describeEachDialectWithHub } from "../support/hub-process.ts";
import { call } from "../support/write-api.ts";

interface Answer {
  error?: string;
  errors: { message: string }[];
  warnings: { message: string }[];
}

describeEachDialectWithHub("POST /api/validate-yaml", (getHub) => {
  const validate = async (content: string, status: number): Promise<Answer> => {
    const res = await call(getHub(), "POST", "/api/validate-yaml", { json: { content, repoType: "model" } });
    expect(res.status).toBe(status);
    // Python reads the JSON before it looks at the status.
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    return (await res.json()) as Answer;
  };

  it("accepts a card with valid metadata", async () => {
    const card = "---\nlicense: mit\ntags:\n  - evals\nmodel-index:\n  - name: m\n    results: []\n---\n# My model\n";
    expect(await validate(card, 200)).toEqual({ errors: [], warnings: [] });
  });

  it("accepts CRLF line ends and a byte order mark", async () => {
    expect(await validate("\uFEFF---\r\nlicense: mit\r\n---\r\nText\r\n", 200)).toEqual({ errors: [], warnings: [] });
  });

  it("warns, without failing, about a card with no metadata", async () => {
    for (const card of ["# Just a title\n", "---\n---\n# Empty block\n", ""]) {
      const answer = await validate(card, 200);
      expect(answer.errors).toEqual([]);
      expect(answer.warnings[0]?.message).toMatch(/empty or missing yaml metadata/);
    }
  });

  it("answers 400 with errors naming the line of a YAML syntax problem", async () => {
    const answer = await validate("---\nlicense: mit\ntags: [unclosed\n---\n", 400);
    expect(answer.errors.length).toBeGreaterThan(0);
    expect(answer.errors[0]?.message).toMatch(/README\.md metadata, line \d+/);
    expect(answer.error).toMatch(/^Invalid metadata in README\.md/);
    expect(answer.warnings).toEqual([]);
  });

  it("refuses duplicate keys", async () => {
    const answer = await validate("---\nlicense: mit\nlicense: apache-2.0\n---\n", 400);
    expect(answer.errors[0]?.message).toMatch(/line 3.*Duplicate key/);
  });

  it("refuses metadata that is not a mapping", async () => {
    const answer = await validate("---\n- a\n- b\n---\n", 400);
    expect(answer.errors[0]?.message).toMatch(/must be a YAML mapping/);
  });

  it("refuses alias bombs instead of expanding them", async () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(",")}]`);
    const answer = await validate(`---\n${lines.join("\n")}\n---\n`, 400);
    expect(answer.errors[0]?.message).toMatch(/alias/);
  });

  it("answers a JSON 400 for a body that is not what it expects", async () => {
    const notJson = await call(getHub(), "POST", "/api/validate-yaml", { body: "---\nlicense: mit\n---\n", headers: { "content-type": "application/json" } });
    expect(notJson.status).toBe(400);
    expect(notJson.headers.get("content-type")).toMatch(/^application\/json/);
    const noContent = await call(getHub(), "POST", "/api/validate-yaml", { json: { repoType: "model" } });
    expect(noContent.status).toBe(400);
  });
});
