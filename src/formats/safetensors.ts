/** Most header bytes worth reading: real headers are kilobytes; this bounds what a hostile file can cost. */
export const MAX_SAFETENSORS_HEADER_BYTES = 16 * 1024 * 1024;

export type SafetensorsHeader =
  | { ok: true; numParameters: number; headerBytes: number }
  | { ok: false; reason: string; /** How many bytes are needed to read the whole header, when that is the problem. */ needBytes?: number };

/**
 * Counts the parameters a `.safetensors` file declares, from its header alone: 8 bytes of little-endian
 * header length, then a JSON object of tensors `{dtype, shape, data_offsets}` (and `__metadata__`).
 * `prefix` is the start of the file; give it at least 8 bytes.
 */
export function readSafetensorsHeader(prefix: Uint8Array): SafetensorsHeader {
  if (prefix.byteLength < 8) return { ok: false, reason: "shorter than the 8-byte header length", needBytes: 8 };
  const length = new DataView(prefix.buffer, prefix.byteOffset, 8).getBigUint64(0, true);
  if (length > BigInt(MAX_SAFETENSORS_HEADER_BYTES)) return { ok: false, reason: `header of ${length} bytes is over the ${MAX_SAFETENSORS_HEADER_BYTES}-byte limit` };
  const end = 8 + Number(length);
  if (prefix.byteLength < end) return { ok: false, reason: "header not complete", needBytes: end };
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(prefix.subarray(8, end)));
  } catch {
    return { ok: false, reason: "header is not valid UTF-8 JSON" };
  }
  if (header === null || typeof header !== "object" || Array.isArray(header)) return { ok: false, reason: "header is not a JSON object" };
  let total = 0;
  for (const [name, tensor] of Object.entries(header)) {
    if (name === "__metadata__") continue;
    const shape = (tensor as { shape?: unknown } | null)?.shape;
    if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) return { ok: false, reason: `tensor ${name} has no valid shape` };
    total += shape.reduce((a: number, d: number) => a * d, 1);
  }
  if (!Number.isSafeInteger(total)) return { ok: false, reason: "parameter count overflows" };
  return { ok: true, numParameters: total, headerBytes: end };
}
