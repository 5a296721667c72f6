import { describe, expect, it } from "vitest";
import { findDuplicate } from "../../src/cli/duplicate-check.ts";
import type { ModelResultBody } from "../../src/cli/hub-client/wire.ts";

const row = (ref: string, contentHash: string) => ({ ref, contentHash }) as ModelResultBody;

describe("findDuplicate", () => {
  const existing = [row("refs/heads/main", "m1"), row("refs/pr/2", "p1"), row("refs/pr/2", "p2"), row("refs/pr/5", "p1")];

  it("names the first open pull request that proposes every entry", () => {
    expect(findDuplicate(["p1", "p2"], existing)).toEqual({ where: "pull-request", num: 2 });
    expect(findDuplicate(["p1"], existing)).toEqual({ where: "pull-request", num: 2 });
  });

  it("counts entries a pull request keeps from main as proposed by it", () => {
    expect(findDuplicate(["p2", "m1"], existing)).toEqual({ where: "pull-request", num: 2 });
  });

  it("reports entries all on main", () => {
    expect(findDuplicate(["m1"], existing)).toEqual({ where: "main" });
  });

  it("lets through anything with a new entry, and an empty submission", () => {
    expect(findDuplicate(["p1", "new"], existing)).toBeNull();
    expect(findDuplicate(["m1", "new"], existing)).toBeNull();
    expect(findDuplicate([], existing)).toBeNull();
  });
});
