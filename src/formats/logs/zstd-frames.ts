import { ZipError } from "./zip-error.ts";

/**
 * Largest zstd window accepted. The decoder allocates the window up front, so a header claiming a huge
 * window costs memory before a single byte is produced; 128 MiB (window log 27) is also the reference
 * decoder's default limit, which ordinary encoders stay within.
 */
export const MAX_ZSTD_WINDOW_BYTES = 2 ** 27;

const ZSTD_MAGIC = 0xfd2fb528;
const SKIPPABLE_MAGIC_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;

export interface ZstdFrameSummary {
  /** Sum of the content sizes the frames declare; `null` when a frame leaves its size out. */
  declaredContentBytes: number | null;
  /** Largest window any frame asks for. */
  largestWindowBytes: number;
}

/**
 * Walks the frame and block headers of zstd data without decompressing it, so that frames which declare
 * more output or a bigger window than allowed are refused before the decoder allocates anything.
 */
export function summariseZstdFrames(data: Uint8Array, entryName: string): ZstdFrameSummary {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const corrupt = (what: string): ZipError =>
    new ZipError("zip-invalid", `entry "${entryName}": zstd data is damaged (${what})`);
  let pos = 0;
  let declared: number | null = 0;
  let largestWindow = 0;

  const need = (count: number, what: string): void => {
    if (pos + count > data.length) throw corrupt(`${what} cut short`);
  };

  if (data.length === 0) throw corrupt("no frames");
  while (pos < data.length) {
    need(4, "frame magic");
    const magic = view.getUint32(pos, true);
    pos += 4;
    if ((magic & SKIPPABLE_MAGIC_MASK) >>> 0 === SKIPPABLE_MAGIC) {
      need(4, "skippable frame size");
      pos += 4 + view.getUint32(pos, true);
      if (pos > data.length) throw corrupt("skippable frame cut short");
      continue;
    }
    if (magic !== ZSTD_MAGIC) throw corrupt("not a zstd frame");

    need(1, "frame header");
    const descriptor = data[pos++] ?? 0;
    const contentSizeFlag = descriptor >> 6;
    const singleSegment = (descriptor >> 5) & 1;
    const hasChecksum = (descriptor >> 2) & 1;
    const dictionaryIdFlag = descriptor & 3;
    if (descriptor & 8) throw corrupt("reserved header bit set");

    let windowBytes = 0;
    if (!singleSegment) {
      need(1, "window descriptor");
      const windowDescriptor = data[pos++] ?? 0;
      const base = 2 ** (10 + (windowDescriptor >> 3));
      windowBytes = base + (base / 8) * (windowDescriptor & 7);
    }

    const dictionaryIdBytes = [0, 1, 2, 4][dictionaryIdFlag] ?? 0;
    need(dictionaryIdBytes, "dictionary id");
    let dictionaryId = 0;
    for (let i = dictionaryIdBytes - 1; i >= 0; i--) dictionaryId = dictionaryId * 256 + (data[pos + i] ?? 0);
    pos += dictionaryIdBytes;
    if (dictionaryId !== 0) {
      throw new ZipError("zip-unsupported", `entry "${entryName}": zstd frames that need a dictionary are not supported`);
    }

    const contentSizeBytes = [singleSegment ? 1 : 0, 2, 4, 8][contentSizeFlag] ?? 0;
    need(contentSizeBytes, "content size");
    let contentSize: number | null = null;
    if (contentSizeBytes > 0) {
      contentSize = 0;
      for (let i = contentSizeBytes - 1; i >= 0; i--) contentSize = contentSize * 256 + (data[pos + i] ?? 0);
      if (contentSizeBytes === 2) contentSize += 256;
      pos += contentSizeBytes;
    }
    if (singleSegment) windowBytes = contentSize ?? 0;
    largestWindow = Math.max(largestWindow, windowBytes);
    declared = declared === null || contentSize === null ? null : declared + contentSize;

    for (let last = false; !last; ) {
      need(3, "block header");
      const header = (data[pos] ?? 0) | ((data[pos + 1] ?? 0) << 8) | ((data[pos + 2] ?? 0) << 16);
      pos += 3;
      last = (header & 1) === 1;
      const blockType = (header >> 1) & 3;
      if (blockType === 3) throw corrupt("reserved block type");
      // An RLE block stores one byte however much it expands to.
      const stored = blockType === 1 ? 1 : header >>> 3;
      need(stored, "block");
      pos += stored;
    }
    if (hasChecksum) {
      need(4, "checksum");
      pos += 4;
    }
  }
  return { declaredContentBytes: declared, largestWindowBytes: largestWindow };
}
