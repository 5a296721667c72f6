import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "../../src/api/cursor.ts";
import { HubError } from "../../src/hub/errors.ts";

describe("paging cursors", () => {
  it("round-trips offsets and means 0 when absent", () => {
    for (const offset of [0, 1, 50, 123_456]) expect(decodeCursor(encodeCursor(offset))).toBe(offset);
    expect(decodeCursor(undefined)).toBe(0);
    expect(decodeCursor("")).toBe(0);
  });

  it.each(["zzz", "10", Buffer.from('{"o":-1}').toString("base64url"), Buffer.from('{"o":1.5}').toString("base64url"), Buffer.from("[]").toString("base64url")])(
    "refuses %s with a 400",
    (cursor) => {
      expect(() => decodeCursor(cursor)).toThrow(HubError);
      try {
        decodeCursor(cursor);
      } catch (err) {
        expect((err as HubError).status).toBe(400);
      }
    },
  );
});
