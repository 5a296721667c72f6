import { ZipError } from "./zip-error.ts";
import { decompressMember } from "./zip-decompress.ts";

export { ZipError } from "./zip-error.ts";
export type { ZipErrorCode } from "./zip-error.ts";

/** One member as the central directory describes it. */
export interface ZipEntry {
  name: string;
  /** Compression method: 0 stored, 8 deflate, 93 zstd (others are listed but cannot be read). */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  crc32: number;
  /** Offset of the member's local header in the archive. */
  localHeaderOffset: number;
}

export interface ZipReadLimits {
  /** Most bytes all reads from this archive may decompress, together. */
  maxDecompressedBytes: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_LOCATOR_SIZE = 20;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const ZIP64_EOCD_SIZE = 56;
const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
const CENTRAL_HEADER_SIZE = 46;
const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_SIZE = 30;
const ZIP64_EXTRA_ID = 0x0001;
const U16_MAX = 0xffff;
const U32_MAX = 0xffffffff;
const FLAG_ENCRYPTED = 0x0001;

interface CentralDirectory {
  offset: number;
  size: number;
  entryCount: number;
}

/**
 * A ZIP archive held in memory. Reading is lazy: opening only parses the central directory, and each
 * `read` decompresses one member, counting against the archive's decompression budget.
 */
export class ZipArchive {
  readonly entries: readonly ZipEntry[];
  readonly #bytes: Uint8Array;
  readonly #view: DataView;
  readonly #limit: number;
  #decompressed = 0;

  /** Parses the central directory; throws `ZipError` if the archive is damaged or unsupported. */
  constructor(bytes: Uint8Array, limits: ZipReadLimits) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#limit = limits.maxDecompressedBytes;
    this.entries = this.#readCentralDirectory(this.#locateCentralDirectory());
  }

  /** Bytes decompressed so far by `read`. */
  get decompressedBytes(): number {
    return this.#decompressed;
  }

  /** The entry with this name; when a name occurs more than once the last one wins, as in Inspect. */
  find(name: string): ZipEntry | undefined {
    return this.entries.findLast((entry) => entry.name === name);
  }

  /** Decompressed contents of an entry (or of the entry with this name). */
  read(entryOrName: ZipEntry | string): Uint8Array {
    const entry = typeof entryOrName === "string" ? this.find(entryOrName) : entryOrName;
    if (entry === undefined) throw new ZipError("zip-invalid", `no entry named "${String(entryOrName)}"`);
    const remaining = this.#limit - this.#decompressed;
    if (entry.uncompressedSize > remaining) {
      throw new ZipError(
        "zip-too-large",
        `entry "${entry.name}" declares ${entry.uncompressedSize} bytes uncompressed, more than the ${remaining} bytes ` +
          `left of the ${this.#limit}-byte decompression limit; refused as a possible zip bomb`,
      );
    }
    const output = decompressMember({
      name: entry.name,
      method: entry.method,
      data: this.#memberData(entry),
      declaredSize: entry.uncompressedSize,
      crc32: entry.crc32,
    });
    this.#decompressed += output.length;
    return output;
  }

  #memberData(entry: ZipEntry): Uint8Array {
    const at = entry.localHeaderOffset;
    this.#requireRange(at, LOCAL_HEADER_SIZE, `local header of "${entry.name}"`);
    if (this.#view.getUint32(at, true) !== LOCAL_HEADER_SIGNATURE) {
      throw new ZipError("zip-invalid", `local header of "${entry.name}" not found where the central directory says`);
    }
    const start = at + LOCAL_HEADER_SIZE + this.#view.getUint16(at + 26, true) + this.#view.getUint16(at + 28, true);
    this.#requireRange(start, entry.compressedSize, `data of "${entry.name}"`);
    return this.#bytes.subarray(start, start + entry.compressedSize);
  }

  #locateCentralDirectory(): CentralDirectory {
    const eocd = this.#findEndOfCentralDirectory();
    const view = this.#view;
    if (view.getUint16(eocd + 4, true) !== 0 || view.getUint16(eocd + 6, true) !== 0) {
      throw new ZipError("zip-unsupported", "multi-disk (spanned) archives are not supported");
    }
    const classic: CentralDirectory = {
      entryCount: view.getUint16(eocd + 10, true),
      size: view.getUint32(eocd + 12, true),
      offset: view.getUint32(eocd + 16, true),
    };
    const locator = eocd - ZIP64_LOCATOR_SIZE;
    if (locator >= 0 && view.getUint32(locator, true) === ZIP64_LOCATOR_SIGNATURE) return this.#readZip64Record(locator);
    if (classic.entryCount === U16_MAX || classic.size === U32_MAX || classic.offset === U32_MAX) {
      throw new ZipError("zip-invalid", "archive needs ZIP64 records but has no ZIP64 end-of-central-directory locator");
    }
    return classic;
  }

  /** Scans back from the end: the record is 22 bytes plus a comment of up to 64 KiB. */
  #findEndOfCentralDirectory(): number {
    const last = this.#bytes.length - EOCD_SIZE;
    const first = Math.max(0, last - MAX_COMMENT);
    for (let at = last; at >= first; at--) {
      if (this.#view.getUint32(at, true) !== EOCD_SIGNATURE) continue;
      if (at + EOCD_SIZE + this.#view.getUint16(at + 20, true) === this.#bytes.length) return at;
    }
    throw new ZipError("zip-invalid", "end of central directory not found: the archive is truncated or not a ZIP file");
  }

  #readZip64Record(locator: number): CentralDirectory {
    const view = this.#view;
    if (view.getUint32(locator + 4, true) !== 0 || view.getUint32(locator + 16, true) > 1) {
      throw new ZipError("zip-unsupported", "multi-disk (spanned) archives are not supported");
    }
    const at = this.#u64(locator + 8, "ZIP64 end-of-central-directory offset");
    this.#requireRange(at, ZIP64_EOCD_SIZE, "ZIP64 end-of-central-directory record");
    if (view.getUint32(at, true) !== ZIP64_EOCD_SIGNATURE) {
      throw new ZipError("zip-invalid", "ZIP64 end-of-central-directory record not found where its locator says");
    }
    return {
      entryCount: this.#u64(at + 32, "ZIP64 entry count"),
      size: this.#u64(at + 40, "ZIP64 central directory size"),
      offset: this.#u64(at + 48, "ZIP64 central directory offset"),
    };
  }

  #readCentralDirectory(directory: CentralDirectory): ZipEntry[] {
    this.#requireRange(directory.offset, directory.size, "central directory");
    const end = directory.offset + directory.size;
    const entries: ZipEntry[] = [];
    let at = directory.offset;
    // Each header takes at least 46 bytes, so a lying count cannot make this loop run past the directory.
    while (entries.length < directory.entryCount) {
      if (at + CENTRAL_HEADER_SIZE > end || this.#view.getUint32(at, true) !== CENTRAL_HEADER_SIGNATURE) {
        throw new ZipError(
          "zip-invalid",
          `central directory is damaged: expected ${directory.entryCount} entries, found ${entries.length}`,
        );
      }
      const { entry, next } = this.#readCentralHeader(at, end);
      entries.push(entry);
      at = next;
    }
    return entries;
  }

  #readCentralHeader(at: number, directoryEnd: number): { entry: ZipEntry; next: number } {
    const view = this.#view;
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const nameStart = at + CENTRAL_HEADER_SIZE;
    const next = nameStart + nameLength + extraLength + commentLength;
    if (next > directoryEnd) throw new ZipError("zip-invalid", "central directory is damaged: a header runs past its end");
    // Names are decoded as UTF-8 whether or not flag bit 11 says so: Inspect writes ASCII names, for
    // which UTF-8 and the legacy code page agree.
    const name = new TextDecoder().decode(this.#bytes.subarray(nameStart, nameStart + nameLength));
    if (flags & FLAG_ENCRYPTED) throw new ZipError("zip-unsupported", `entry "${name}" is encrypted`);

    const entry: ZipEntry = {
      name,
      method: view.getUint16(at + 10, true),
      crc32: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      uncompressedSize: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    };
    const diskStart = view.getUint16(at + 34, true);
    this.#applyZip64Extra(entry, diskStart, nameStart + nameLength, extraLength);
    return { entry, next };
  }

  /** Replaces 32-bit fields saturated at 0xFFFFFFFF with their 64-bit values from the ZIP64 extra field. */
  #applyZip64Extra(entry: ZipEntry, diskStart: number, extraStart: number, extraLength: number): void {
    const needs = {
      uncompressed: entry.uncompressedSize === U32_MAX,
      compressed: entry.compressedSize === U32_MAX,
      offset: entry.localHeaderOffset === U32_MAX,
      disk: diskStart === U16_MAX,
    };
    if (!needs.uncompressed && !needs.compressed && !needs.offset && !needs.disk) {
      if (diskStart !== 0) throw new ZipError("zip-unsupported", "multi-disk (spanned) archives are not supported");
      return;
    }
    const extraEnd = extraStart + extraLength;
    for (let at = extraStart; at + 4 <= extraEnd; ) {
      const id = this.#view.getUint16(at, true);
      const size = this.#view.getUint16(at + 2, true);
      const dataEnd = at + 4 + size;
      if (dataEnd > extraEnd) break;
      if (id === ZIP64_EXTRA_ID) {
        let field = at + 4;
        const take = (what: string): number => {
          if (field + 8 > dataEnd) throw new ZipError("zip-invalid", `ZIP64 extra field of "${entry.name}" is too short`);
          const value = this.#u64(field, `${what} of "${entry.name}"`);
          field += 8;
          return value;
        };
        // The spec fixes this order and includes only the fields that overflowed.
        if (needs.uncompressed) entry.uncompressedSize = take("uncompressed size");
        if (needs.compressed) entry.compressedSize = take("compressed size");
        if (needs.offset) entry.localHeaderOffset = take("local header offset");
        if (needs.disk && (field + 4 > dataEnd || this.#view.getUint32(field, true) !== 0)) {
          throw new ZipError("zip-unsupported", "multi-disk (spanned) archives are not supported");
        }
        return;
      }
      at = dataEnd;
    }
    throw new ZipError("zip-invalid", `entry "${entry.name}" needs a ZIP64 extra field but has none`);
  }

  #u64(at: number, what: string): number {
    const value = this.#view.getBigUint64(at, true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipError("zip-invalid", `${what} is impossibly large`);
    return Number(value);
  }

  #requireRange(start: number, length: number, what: string): void {
    if (start + length > this.#bytes.length) {
      throw new ZipError("zip-invalid", `${what} lies beyond the end of the archive: the archive is truncated or damaged`);
    }
  }
}

/** True when the bytes start like a ZIP archive (a local header, or the end record of an empty one). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06))
  );
}
