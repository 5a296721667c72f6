import { describe, expect, it } from "vitest";
import { datasetScope, modelScope, ReadChanges } from "../../../src/hub/results/read-changes.ts";

describe("read changes", () => {
  it("answers what the recorded moves between two versions changed, across several moves", () => {
    const changes = new ReadChanges();
    changes.record(10, 12, ["model:a/x", "dataset:b/board"]);
    changes.record(12, 13, ["model:a/y"]);
    expect([...(changes.between(10, 13) ?? [])].sort()).toEqual(["dataset:b/board", "model:a/x", "model:a/y"]);
    expect([...(changes.between(12, 13) ?? [])]).toEqual(["model:a/y"]);
    expect(changes.between(13, 13)?.size).toBe(0);
  });

  it("answers null when a move in between is not known, or starts before the version asked from", () => {
    const changes = new ReadChanges();
    changes.record(10, 12, ["model:a/x"]);
    changes.record(13, 14, ["model:a/y"]);
    expect(changes.between(10, 14)).toBeNull();
    expect(changes.between(11, 12)).toBeNull();
    expect(changes.between(9, 12)).toBeNull();
  });

  it("forgets the oldest moves past its bound", () => {
    const changes = new ReadChanges();
    for (let v = 0; v < 300; v++) changes.record(v, v + 1, [`model:a/m${v}`]);
    expect(changes.between(0, 300)).toBeNull();
    expect(changes.between(290, 300)?.size).toBe(10);
  });

  it("spells scopes without regard to case", () => {
    expect(modelScope("Org", "Model")).toBe(modelScope("org", "model"));
    expect(datasetScope("Org/Board")).toBe("dataset:org/board");
  });
});
