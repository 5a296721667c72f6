import { crc32, deflateRawSync } from "node:zlib";

/** One member to write. */
export interface ZipWriterEntry {
  name: string;
  /** The member's uncompressed content. */
  data: Uint8Array | string;
  /** How to compress `data`; default deflate. */
  method?: "stored" | "deflate";
  /** A payload compressed elsewhere (e.g. zstd, method 93), written as is; `data` still gives size and CRC. */
  precompressed?: { method: number; bytes: Uint8Array };
  /** Uncompressed size to write in the headers instead of the true one, to build lying archives. */
  declaredSize?: number;
  /** CRC-32 to write instead of the true one. */
  declaredCrc32?: number;
}

export interface ZipWriterOptions {
  /** Write every size and offset through ZIP64 extra fields and end with ZIP64 records. */
  zip64?: boolean;
  /** Archive comment after the end-of-central-directory record. */
  comment?: string;
}

const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;

/** Little-endian byte builder. */
class ByteSink {
  readonly #parts: Uint8Array[] = [];
  length = 0;

  u16(value: number): this {
    return this.#number(2, (view) => view.setUint16(0, value, true));
  }
  u32(value: number): this {
    return this.#number(4, (view) => view.setUint32(0, value, true));
  }
  u64(value: number): this {
    return this.#number(8, (view) => view.setBigUint64(0, BigInt(value), true));
  }
  bytes(bytes: Uint8Array): this {
    this.#parts.push(bytes);
    this.length += bytes.length;
    return this;
  }
  toBytes(): Uint8Array {
    return Buffer.concat(this.#parts);
  }
  #number(size: number, write: (view: DataView) => void): this {
    const bytes = new Uint8Array(size);
    write(new DataView(bytes.buffer));
    return this.bytes(bytes);
  }
}

interface WrittenEntry {
  name: Uint8Array;
  method: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  offset: number;
}

/** Builds a ZIP archive in memory: stored or deflated members (or precompressed ones), optionally ZIP64. */
export function writeZip(entries: readonly ZipWriterEntry[], options: ZipWriterOptions = {}): Uint8Array {
  const zip64 = options.zip64 === true;
  const out = new ByteSink();
  const written: WrittenEntry[] = [];

  for (const entry of entries) {
    const data = typeof entry.data === "string" ? new TextEncoder().encode(entry.data) : entry.data;
    const { method, payload } = compress(entry, data);
    const record: WrittenEntry = {
      name: new TextEncoder().encode(entry.name),
      method,
      crc: entry.declaredCrc32 ?? crc32(data),
      compressedSize: payload.length,
      uncompressedSize: entry.declaredSize ?? data.length,
      offset: out.length,
    };
    written.push(record);
    out.u32(0x04034b50).u16(zip64 ? 45 : 20).u16(0x0800).u16(method).u16(0).u16(0x21);
    out.u32(record.crc).u32(zip64 ? U32_MAX : record.compressedSize).u32(zip64 ? U32_MAX : record.uncompressedSize);
    out.u16(record.name.length).u16(zip64 ? 20 : 0).bytes(record.name);
    if (zip64) out.u16(0x0001).u16(16).u64(record.uncompressedSize).u64(record.compressedSize);
    out.bytes(payload);
  }

  const directoryOffset = out.length;
  for (const record of written) {
    out.u32(0x02014b50).u16(zip64 ? 45 : 20).u16(zip64 ? 45 : 20).u16(0x0800).u16(record.method).u16(0).u16(0x21);
    out.u32(record.crc).u32(zip64 ? U32_MAX : record.compressedSize).u32(zip64 ? U32_MAX : record.uncompressedSize);
    out.u16(record.name.length).u16(zip64 ? 28 : 0).u16(0).u16(0).u16(0).u32(0);
    out.u32(zip64 ? U32_MAX : record.offset).bytes(record.name);
    if (zip64) out.u16(0x0001).u16(24).u64(record.uncompressedSize).u64(record.compressedSize).u64(record.offset);
  }
  const directorySize = out.length - directoryOffset;

  if (zip64) {
    const recordOffset = out.length;
    out.u32(0x06064b50).u64(44).u16(45).u16(45).u32(0).u32(0);
    out.u64(written.length).u64(written.length).u64(directorySize).u64(directoryOffset);
    out.u32(0x07064b50).u32(0).u64(recordOffset).u32(1);
  }
  const comment = new TextEncoder().encode(options.comment ?? "");
  out.u32(0x06054b50).u16(0).u16(0);
  out.u16(zip64 ? U16_MAX : written.length).u16(zip64 ? U16_MAX : written.length);
  out.u32(zip64 ? U32_MAX : directorySize).u32(zip64 ? U32_MAX : directoryOffset);
  out.u16(comment.length).bytes(comment);
  return out.toBytes();
}

function compress(entry: ZipWriterEntry, data: Uint8Array): { method: number; payload: Uint8Array } {
  if (entry.precompressed !== undefined) return { method: entry.precompressed.method, payload: entry.precompressed.bytes };
  if (entry.method === "stored") return { method: 0, payload: data };
  return { method: 8, payload: deflateRawSync(data) };
}
