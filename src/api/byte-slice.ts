import { Readable } from "node:stream";

/**
 * Bytes `start`..`end` (inclusive) of a stream. Once past `end` the source is destroyed, which for
 * a git blob stream also ends the git process: a `bytes=0-0` probe never reads a whole file.
 */
export function sliceBytes(source: Readable, start: number, end: number): Readable {
  async function* slice() {
    let position = 0;
    for await (const chunk of source) {
      const bytes = chunk as Buffer;
      const from = Math.max(0, start - position);
      const to = Math.min(bytes.length, end + 1 - position);
      if (to > from) yield bytes.subarray(from, to);
      position += bytes.length;
      if (position > end) break;
    }
  }
  return Readable.from(slice(), { objectMode: false });
}
