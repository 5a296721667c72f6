import { createHash } from "node:crypto";

// Just enough of git's smart HTTP protocol (v0, stateless) to fetch and push with plain HTTP requests.

const pkt = (text: string) => {
  const data = Buffer.from(text, "utf8");
  return Buffer.concat([Buffer.from((data.length + 4).toString(16).padStart(4, "0")), data]);
};
const FLUSH = Buffer.from("0000");
const NO_COMMIT = "0".repeat(40);

/** A pack with no objects: what git sends when every object a push needs is already on the server. */
function emptyPack(): Buffer {
  const header = Buffer.from([0x50, 0x41, 0x43, 0x4b, 0, 0, 0, 2, 0, 0, 0, 0]);
  return Buffer.concat([header, createHash("sha1").update(header).digest()]);
}

/** A `git-upload-pack` request for one commit, as a fresh clone asks. */
export const uploadPackRequest = (want: string) => Buffer.concat([pkt(`want ${want}\n`), FLUSH, pkt("done\n")]);

/** A `git-receive-pack` request that points `ref` (new when `from` is null) at `to`, a commit the server already has. */
export const receivePackRequest = (ref: string, from: string | null, to: string) =>
  Buffer.concat([pkt(`${from ?? NO_COMMIT} ${to} ${ref}\0report-status\n`), FLUSH, emptyPack()]);

/** The lines of a pkt-line stream, flushes left out. */
function pktLines(body: Buffer): string[] {
  const lines: string[] = [];
  for (let at = 0; at + 4 <= body.length; ) {
    const length = Number.parseInt(body.subarray(at, at + 4).toString("latin1"), 16);
    if (Number.isNaN(length)) break;
    if (length >= 4) lines.push(body.subarray(at + 4, at + length).toString("utf8"));
    at += Math.max(length, 4);
  }
  return lines;
}

/** What the report-status of a push says: every ref `ok`, one `ng`, or no report at all. */
export function pushReport(body: Buffer): "accepted" | "refused" | "none" {
  const lines = pktLines(body);
  if (lines.some((line) => line.startsWith("ng "))) return "refused";
  return lines.some((line) => line.startsWith("ok ")) ? "accepted" : "none";
}
