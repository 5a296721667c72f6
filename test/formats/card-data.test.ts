import { describe, expect, it } from "vitest";
import { cardDataOf } from "../../src/formats/card-data.ts";

describe("cardDataOf", () => {
  it("reads the front matter of a card into a plain object, dates kept as written", () => {
    const readme = "---\nlicense: mit\ntags: [evals, hle]\ndate: 2024-01-01\nmodel-index:\n  - name: m\n---\n# Title\n\n---\nnot: front matter\n";
    expect(cardDataOf(readme)).toEqual({ license: "mit", tags: ["evals", "hle"], date: "2024-01-01", "model-index": [{ name: "m" }] });
  });

  it("accepts CRLF line ends, a byte order mark and bytes", () => {
    expect(cardDataOf("\uFEFF---\r\nlicense: apache-2.0\r\n---\r\nbody")).toEqual({ license: "apache-2.0" });
    expect(cardDataOf(Buffer.from("---\na: 1\n---\n"))).toEqual({ a: 1 });
  });

  it.each([
    ["no front matter", "# Title\n"],
    ["front matter not on the first line", "\n---\na: 1\n---\n"],
    ["an unclosed fence", "---\na: 1\n"],
    ["invalid YAML", "---\na: [1\n---\n"],
    ["duplicate keys", "---\na: 1\na: 2\n---\n"],
    ["a list instead of a mapping", "---\n- a\n---\n"],
    ["a scalar", "---\njust text\n---\n"],
    ["empty front matter", "---\n---\n"],
  ])("is {} for %s", (_name, readme) => {
    expect(cardDataOf(readme)).toEqual({});
  });

  it("is {} for bytes that are not UTF-8 and for an alias bomb", () => {
    expect(cardDataOf(Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a, 0x2d, 0x2d, 0x2d]))).toEqual({});
    const bomb = ["---", "a: &a [x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 200 }, (_, i) => `k${i}: *a`), "---"].join("\n");
    expect(cardDataOf(bomb)).toEqual({});
  });
});
