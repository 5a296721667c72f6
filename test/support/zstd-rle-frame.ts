/** Largest block zstd allows (128 KiB). */
const MAX_BLOCK = 128 * 1024;

export interface RleFrameOptions {
  /** Content size written in the frame header; omitted (unknown size) when undefined. */
  declaredContentSize?: number;
  /** Window size is 2^windowLog bytes; default 17 (128 KiB, one block). */
  windowLog?: number;
}

/**
 * A real zstd frame made of RLE blocks: `length` copies of `byte`, costing four bytes per 128 KiB of
 * output. Enough to build zstd bombs without a zstd compressor.
 */
export function zstdRleFrame(byte: number, length: number, options: RleFrameOptions = {}): Uint8Array {
  const header: number[] = [0x28, 0xb5, 0x2f, 0xfd];
  const hasSize = options.declaredContentSize !== undefined;
  // Descriptor: content-size field of 8 bytes when declared, no single-segment flag, no checksum.
  header.push(hasSize ? 0xc0 : 0x00);
  header.push(((options.windowLog ?? 17) - 10) << 3);
  if (hasSize) {
    let size = BigInt(options.declaredContentSize ?? 0);
    for (let i = 0; i < 8; i++) {
      header.push(Number(size & 0xffn));
      size >>= 8n;
    }
  }

  const blocks: number[] = [];
  let remaining = length;
  do {
    const size = Math.min(remaining, MAX_BLOCK);
    remaining -= size;
    const last = remaining === 0 ? 1 : 0;
    const blockHeader = last | (1 << 1) | (size << 3);
    blocks.push(blockHeader & 0xff, (blockHeader >> 8) & 0xff, (blockHeader >> 16) & 0xff, byte);
  } while (remaining > 0);
  return Uint8Array.from([...header, ...blocks]);
}
