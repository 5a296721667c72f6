import { badRequest } from "../hub/errors.ts";

/**
 * Paging tokens are opaque to clients (they only follow `Link`), so they can change shape later.
 * Today one holds the offset of the page's first item.
 */
export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset }), "utf8").toString("base64url");
}

/** The offset a cursor stands for; 0 without one, 400 for one that this hub did not hand out. */
export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === "") return 0;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    const offset = typeof value === "object" && value !== null ? (value as { o?: unknown }).o : undefined;
    if (typeof offset === "number" && Number.isSafeInteger(offset) && offset >= 0) return offset;
  } catch {
    // reported below
  }
  throw badRequest("BadRequest", "invalid cursor");
}
