/** Git's pkt-line framing: four hex digits of length (header included), then the payload. */

export const FLUSH_PKT = Buffer.from("0000");
export const MAX_PKT_PAYLOAD = 65516;

export type PktLine = { kind: "flush" } | { kind: "delim" } | { kind: "response-end" } | { kind: "data"; payload: Buffer };

export class PktLineError extends Error {
  override name = "PktLineError";
}

export function encodePktLine(payload: Buffer | string): Buffer {
  const data = typeof payload === "string" ? Buffer.from(payload) : payload;
  if (data.length > MAX_PKT_PAYLOAD) throw new PktLineError(`pkt-line payload of ${data.length} bytes is too long`);
  return Buffer.concat([Buffer.from((data.length + 4).toString(16).padStart(4, "0")), data]);
}

/**
 * Data on a side-band channel (1 data, 2 progress, 3 fatal error), split into packets that fit
 * the negotiated limit: 1000 bytes per packet for `side-band`, 65520 for `side-band-64k`.
 */
export function encodeSideband(band: 1 | 2 | 3, data: Buffer, maxPacket: number): Buffer {
  const room = maxPacket - 5; // four length digits and the band byte
  const packets: Buffer[] = [];
  for (let offset = 0; offset < data.length; offset += room) {
    packets.push(encodePktLine(Buffer.concat([Buffer.of(band), data.subarray(offset, offset + room)])));
  }
  return Buffer.concat(packets);
}

/** Reads one pkt-line at `offset`; null when `buffer` does not hold all of it yet. */
export function readPktLine(buffer: Buffer, offset: number): { line: PktLine; next: number } | null {
  if (buffer.length - offset < 4) return null;
  const header = buffer.toString("latin1", offset, offset + 4);
  if (!/^[0-9a-f]{4}$/.test(header)) throw new PktLineError(`invalid pkt-line length ${JSON.stringify(header)}`);
  const length = parseInt(header, 16);
  if (length === 0) return { line: { kind: "flush" }, next: offset + 4 };
  if (length === 1) return { line: { kind: "delim" }, next: offset + 4 };
  if (length === 2) return { line: { kind: "response-end" }, next: offset + 4 };
  if (length < 4) throw new PktLineError(`invalid pkt-line length ${length}`);
  if (buffer.length - offset < length) return null;
  return { line: { kind: "data", payload: buffer.subarray(offset + 4, offset + length) }, next: offset + length };
}
