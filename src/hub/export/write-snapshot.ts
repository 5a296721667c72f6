import { createHash, type Hash } from "node:crypto";
import { createWriteStream, type WriteStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { csvLine } from "../../formats/csv.ts";
import { CSV_COLUMNS, type ExportRecord } from "./export-record.ts";

export interface SnapshotFile {
  name: string;
  bytes: number;
  sha256: string;
  rows?: number;
}

export interface SnapshotManifest {
  format: "evalhub-export/1";
  hub: { version: string };
  /** When the export ran. */
  createdAt: string;
  /** The moment the data reflects: `createdAt`, or the `--as-of` time. */
  asOf: string;
  counts: { results: number; byStatus: Record<string, number>; community: number; hidden: number };
  files: SnapshotFile[];
  notes: string[];
}

export interface SnapshotInput {
  outDir: string;
  /** `results-<stamp>.jsonl` / `.csv` */
  stamp: string;
  records: AsyncIterable<ExportRecord>;
  hubVersion: string;
  createdAt: string;
  asOf: string;
  notes: string[];
  onRecord?: (count: number) => void;
}

/**
 * Writes the records as JSONL and CSV at once, hashing the bytes as they go out and waiting for each file to take
 * them (so memory stays one page and a 64 KiB chunk per file, whatever the size), then `manifest.json` and `SHA256SUMS` (sha256sum's format).
 */
export async function writeSnapshot(input: SnapshotInput): Promise<SnapshotManifest> {
  const jsonl = hashedFile(join(input.outDir, `results-${input.stamp}.jsonl`));
  const csv = hashedFile(join(input.outDir, `results-${input.stamp}.csv`));
  const counts: SnapshotManifest["counts"] = { results: 0, byStatus: {}, community: 0, hidden: 0 };
  try {
    await csv.write(csvLine(CSV_COLUMNS));
    for await (const record of input.records) {
      counts.results++;
      counts.byStatus[record.status] = (counts.byStatus[record.status] ?? 0) + 1;
      if (record.pull_request !== null) counts.community++;
      if (record.hidden) counts.hidden++;
      await jsonl.write(`${JSON.stringify(record)}\n`);
      await csv.write(csvLine(CSV_COLUMNS.map((c) => record[c])));
      input.onRecord?.(counts.results);
    }
  } finally {
    await Promise.all([jsonl.close(), csv.close()]);
  }
  const files: SnapshotFile[] = [
    { name: `results-${input.stamp}.jsonl`, bytes: jsonl.bytes(), sha256: jsonl.digest(), rows: counts.results },
    { name: `results-${input.stamp}.csv`, bytes: csv.bytes(), sha256: csv.digest(), rows: counts.results },
  ];
  const manifest: SnapshotManifest = { format: "evalhub-export/1", hub: { version: input.hubVersion }, createdAt: input.createdAt, asOf: input.asOf, counts, files, notes: input.notes };
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  await writeFile(join(input.outDir, "manifest.json"), manifestText);
  const sums = [...files.map((f) => [f.sha256, f.name]), [sha256(manifestText), "manifest.json"]];
  await writeFile(join(input.outDir, "SHA256SUMS"), sums.map(([hash, name]) => `${hash}  ${name}\n`).join(""));
  return manifest;
}

interface HashedFile {
  write(text: string): Promise<void>;
  close(): Promise<void>;
  bytes(): number;
  digest(): string;
}

const FLUSH_BYTES = 64 * 1024;

/** A file written in 64 KiB chunks, hashed and counted on the way, each write waiting until the file took it. */
function hashedFile(path: string): HashedFile {
  const stream: WriteStream = createWriteStream(path, { flags: "wx" });
  const hash: Hash = createHash("sha256");
  let size = 0;
  let failure: Error | null = null;
  stream.on("error", (err) => (failure = err));
  let pending: string[] = [];
  let pendingLength = 0;
  let digest: string | null = null;
  const flush = async () => {
    if (failure) throw failure;
    if (pendingLength === 0) return;
    const chunk = Buffer.from(pending.join(""), "utf8");
    pending = [];
    pendingLength = 0;
    hash.update(chunk);
    size += chunk.length;
    if (!stream.write(chunk)) await drained(stream);
  };
  return {
    async write(text) {
      pending.push(text);
      pendingLength += text.length;
      if (pendingLength >= FLUSH_BYTES) await flush();
    },
    async close() {
      if (stream.closed) return;
      try {
        await flush();
      } finally {
        await new Promise<void>((done) => stream.end(() => done()));
      }
      if (failure) throw failure;
    },
    bytes: () => size,
    digest: () => (digest ??= hash.digest("hex")),
  };
}

/** Resolves on `drain`, rejects on `error`, and leaves no listener behind either way. */
function drained(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      stream.off("error", onError);
      resolve();
    };
    const onError = (err: Error) => {
      stream.off("drain", onDrain);
      reject(err);
    };
    stream.once("drain", onDrain);
    stream.once("error", onError);
  });
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
