import { describe, expect, it } from "vitest";
import { splitFrontMatter } from "../../src/formats/front-matter.ts";
import { checkReadmeMetadata } from "../../src/formats/readme-metadata.ts";

describe("splitFrontMatter", () => {
  it("finds the block between the first two --- lines", () => {
    expect(splitFrontMatter("---\na: 1\nb: 2\n---\n# Title\n---\nmore")).toEqual({ kind: "found", yaml: "a: 1\nb: 2", firstLine: 2 });
  });

  it("tells a card without a block from one whose block is never closed", () => {
    expect(splitFrontMatter("# Title\n---\n")).toEqual({ kind: "none" });
    expect(splitFrontMatter(" ---\na: 1\n---\n")).toEqual({ kind: "none" });
    expect(splitFrontMatter("---\na: 1\n")).toEqual({ kind: "unclosed" });
  });
});

describe("checkReadmeMetadata", () => {
  it("reports YAML problems at their line in the README", () => {
    const { errors } = checkReadmeMetadata("---\nok: 1\nbad: [\n---\n");
    expect(errors[0]?.message).toMatch(/^README\.md metadata, line [34]/);
  });

  it("warns about an unclosed block rather than failing the upload", () => {
    const check = checkReadmeMetadata("---\nJust a horizontal rule above\n");
    expect(check.errors).toEqual([]);
    expect(check.warnings[0]?.message).toMatch(/never closed/);
  });

  it("refuses scalars and lists as metadata", () => {
    expect(checkReadmeMetadata("---\njust text\n---\n").errors).toHaveLength(1);
    expect(checkReadmeMetadata("---\n- 1\n---\n").errors).toHaveLength(1);
  });
});
