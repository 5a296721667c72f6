import { describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "../../src/db/dialect.ts";

describe("parseDatabaseUrl", () => {
  it.each([
    ["postgres://u@localhost:5432/evalhub", { dialect: "postgres", connectionString: "postgres://u@localhost:5432/evalhub" }],
    ["postgresql://localhost/evalhub", { dialect: "postgres", connectionString: "postgresql://localhost/evalhub" }],
    ["sqlite:data/evalhub.sqlite", { dialect: "sqlite", path: "data/evalhub.sqlite" }],
    ["sqlite:///var/lib/evalhub.sqlite", { dialect: "sqlite", path: "/var/lib/evalhub.sqlite" }],
    ["sqlite::memory:", { dialect: "sqlite", path: ":memory:" }],
    [":memory:", { dialect: "sqlite", path: ":memory:" }],
    ["/var/lib/evalhub.sqlite", { dialect: "sqlite", path: "/var/lib/evalhub.sqlite" }],
    ["./evalhub.db", { dialect: "sqlite", path: "./evalhub.db" }],
  ])("reads %s", (url, expected) => {
    expect(parseDatabaseUrl(url)).toEqual(expected);
  });

  it.each(["", "   ", "sqlite:", "mysql://localhost/evalhub", "https://example.org/db"])("rejects %j", (url) => {
    expect(() => parseDatabaseUrl(url)).toThrow();
  });
});
