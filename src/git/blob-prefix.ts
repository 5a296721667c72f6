import { streamBlob } from "./blob.ts";

/** The first `bytes` bytes of a blob (fewer if it is shorter), without reading the rest: git is stopped early. */
export async function readBlobPrefix(repoPath: string, oid: string, bytes: number): Promise<Buffer> {
  const stream = streamBlob(repoPath, oid, { timeoutMs: 30_000 });
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      total += (chunk as Buffer).length;
      if (total >= bytes) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, bytes);
}
