import { crc32, inflateRawSync } from "node:zlib";
import { Decompress } from "fzstd";
import { ZipError } from "./zip-error.ts";
import { MAX_ZSTD_WINDOW_BYTES, summariseZstdFrames } from "./zstd-frames.ts";

export const METHOD_STORED = 0;
export const METHOD_DEFLATE = 8;
export const METHOD_ZSTD = 93;

export interface CompressedMember {
  name: string;
  method: number;
  /** The member's bytes as stored in the archive. */
  data: Uint8Array;
  /** Uncompressed size from the central directory; output may never exceed it. */
  declaredSize: number;
  crc32: number;
}

/**
 * Decompresses one member. The caller has already checked `declaredSize` against its budget; here the
 * output is bounded by `declaredSize` as well, since a hostile archive can declare less than it holds.
 */
export function decompressMember(member: CompressedMember): Uint8Array {
  const decompressed = decompressByMethod(member);
  // A plain view, so callers get the same type whichever method (or a Buffer input) produced it.
  const output = new Uint8Array(decompressed.buffer, decompressed.byteOffset, decompressed.byteLength);
  if (output.length !== member.declaredSize) {
    throw new ZipError(
      "zip-invalid",
      `entry "${member.name}" decompressed to ${output.length} bytes but declares ${member.declaredSize}`,
    );
  }
  if (crc32(output) !== member.crc32) {
    throw new ZipError("zip-invalid", `entry "${member.name}" is damaged (CRC-32 mismatch)`);
  }
  return output;
}

function decompressByMethod(member: CompressedMember): Uint8Array {
  switch (member.method) {
    case METHOD_STORED:
      return member.data;
    case METHOD_DEFLATE:
      return inflate(member);
    case METHOD_ZSTD:
      return unzstd(member);
    default:
      throw new ZipError(
        "zip-unsupported",
        `entry "${member.name}" uses compression method ${member.method}; only stored (0), deflate (8) and zstd (93) are supported`,
      );
  }
}

function moreThanDeclared(member: CompressedMember): ZipError {
  return new ZipError(
    "zip-too-large",
    `entry "${member.name}" decompresses to more than its declared ${member.declaredSize} bytes; refused as a possible zip bomb`,
  );
}

function inflate(member: CompressedMember): Uint8Array {
  try {
    // maxOutputLength must be positive; an empty member inflates to nothing, which the caller checks.
    return inflateRawSync(member.data, { maxOutputLength: Math.max(1, member.declaredSize) });
  } catch (error) {
    if ((error as { code?: unknown } | null)?.code === "ERR_BUFFER_TOO_LARGE") throw moreThanDeclared(member);
    const reason = error instanceof Error ? error.message : String(error);
    throw new ZipError("zip-invalid", `entry "${member.name}" could not be inflated: ${reason}`);
  }
}

function unzstd(member: CompressedMember): Uint8Array {
  const frames = summariseZstdFrames(member.data, member.name);
  if (frames.declaredContentBytes !== null && frames.declaredContentBytes > member.declaredSize) throw moreThanDeclared(member);
  if (frames.largestWindowBytes > MAX_ZSTD_WINDOW_BYTES) {
    throw new ZipError(
      "zip-unsupported",
      `entry "${member.name}" asks for a ${frames.largestWindowBytes}-byte zstd window; at most ${MAX_ZSTD_WINDOW_BYTES} is accepted`,
    );
  }

  const chunks: Uint8Array[] = [];
  let produced = 0;
  const overflow = moreThanDeclared(member);
  const decoder = new Decompress((chunk) => {
    produced += chunk.length;
    // Thrown from inside the decoder's callback to stop it at the first block past the bound.
    if (produced > member.declaredSize) throw overflow;
    chunks.push(chunk);
  });
  try {
    decoder.push(member.data, true);
  } catch (error) {
    if (error === overflow) throw overflow;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ZipError("zip-invalid", `entry "${member.name}" could not be decompressed (zstd): ${reason}`);
  }
  return concat(chunks, produced);
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
