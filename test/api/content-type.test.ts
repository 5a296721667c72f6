import { describe, expect, it } from "vitest";
import { contentTypeOf, inlineDisposition } from "../../src/api/content-type.ts";

describe("download headers", () => {
  it.each([
    ["README.md", "text/plain; charset=utf-8"],
    [".eval_results/hle.yaml", "text/plain; charset=utf-8"],
    ["results.JSON", "text/plain; charset=utf-8"],
    [".gitattributes", "text/plain; charset=utf-8"],
    ["page.html", "text/plain; charset=utf-8"],
    ["logo.svg", "text/plain; charset=utf-8"],
    ["plot.png", "image/png"],
    ["model.safetensors", "application/octet-stream"],
    ["logs/run.eval", "application/octet-stream"],
    ["constructor", "application/octet-stream"],
  ])("%s is served as %s", (path, type) => {
    expect(contentTypeOf(path)).toBe(type);
  });

  it("names the file inline, ASCII-safe and in RFC 5987 form", () => {
    expect(inlineDisposition("dir/a b.txt")).toBe(`inline; filename="a b.txt"; filename*=UTF-8''a%20b.txt`);
    expect(inlineDisposition('dir/résumé "x".md')).toBe(`inline; filename="r_sum_ _x_.md"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22x%22.md`);
  });
});
