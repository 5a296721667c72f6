import { badRequest } from "../hub/errors.ts";

export type NdjsonLine =
  | { number: number; text: string }
  /** A line longer than the cap: only its length and last bytes were kept. */
  | { number: number; overflow: { bytes: number; tail: string } };

const NEWLINE = 0x0a;
const TAIL_BYTES = 8 * 1024;
const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Splits a request body into lines as it streams in. No line longer than `maxLineBytes` is ever held
 * in memory: past the cap the rest of the line is only counted, keeping its tail for error messages.
 */
export async function* ndjsonLines(body: ReadableStream<Uint8Array> | null, maxLineBytes: number): AsyncGenerator<NdjsonLine> {
  if (body === null) return;
  const reader = body.getReader();
  let parts: Buffer[] = [];
  let length = 0;
  let overflowBytes = 0;
  let tail = Buffer.alloc(0);
  let number = 0;

  const take = (chunk: Buffer) => {
    if (overflowBytes === 0 && length + chunk.length <= maxLineBytes) {
      parts.push(chunk);
      length += chunk.length;
      return;
    }
    if (overflowBytes === 0) {
      overflowBytes = length;
      tail = Buffer.concat(parts);
      parts = [];
      length = 0;
    }
    overflowBytes += chunk.length;
    tail = Buffer.concat([tail, chunk]);
    if (tail.length > TAIL_BYTES) tail = tail.subarray(tail.length - TAIL_BYTES);
  };
  const finish = (): NdjsonLine => {
    number += 1;
    if (overflowBytes > 0) {
      const line = { number, overflow: { bytes: overflowBytes, tail: tail.toString("utf8") } };
      overflowBytes = 0;
      tail = Buffer.alloc(0);
      return line;
    }
    const bytes = Buffer.concat(parts, length);
    parts = [];
    length = 0;
    try {
      return { number, text: UTF8.decode(bytes) };
    } catch {
      throw badRequest("BadRequest", `line ${number} of the body is not valid UTF-8`);
    }
  };

  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      let chunk = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      for (let at = chunk.indexOf(NEWLINE); at >= 0; at = chunk.indexOf(NEWLINE)) {
        take(chunk.subarray(0, at));
        yield finish();
        chunk = chunk.subarray(at + 1);
      }
      if (chunk.length > 0) take(chunk);
    }
    if (length > 0 || overflowBytes > 0) yield finish();
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
