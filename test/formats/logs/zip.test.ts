import { readFileSync } from "node:fs";
import { deflateRawSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { looksLikeZip, ZipArchive, ZipError } from "../../../src/formats/logs/zip.ts";
import { MAX_ZSTD_WINDOW_BYTES } from "../../../src/formats/logs/zstd-frames.ts";
import { writeZip } from "../../support/zip-writer.ts";
import { zstdRleFrame } from "../../support/zstd-rle-frame.ts";

const FIXTURES = "../shared/fixtures/inspect-logs";
const deflateFixture = readFileSync(`${FIXTURES}/log_formats.eval`);
const zstdFixture = readFileSync(`${FIXTURES}/log_formats.zstd.eval`);
const ROOMY = { maxDecompressedBytes: 64 * 1024 * 1024 };
const MiB = 1024 * 1024;

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** Runs `action` and returns the ZipError it throws; fails the test if it throws anything else or nothing. */
function zipErrorOf(action: () => unknown): ZipError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ZipError);
    return error as ZipError;
  }
  throw new Error("expected a ZipError, but nothing was thrown");
}

describe("ZipArchive on Inspect's real .eval logs", () => {
  const members = [
    "_journal/start.json",
    "samples/1_epoch_1.json",
    "_journal/summaries/1.json",
    "summaries.json",
    "reductions.json",
    "header.json",
  ];

  it("lists the deflate archive's members with their central-directory sizes", () => {
    const archive = new ZipArchive(deflateFixture, ROOMY);
    expect(archive.entries.map((entry) => entry.name)).toEqual(members);
    expect(archive.entries.every((entry) => entry.method === 8)).toBe(true);
    const header = archive.find("header.json");
    expect(header).toMatchObject({ uncompressedSize: 1967, compressedSize: 762 });
  });

  it("extracts header.json as the JSON Inspect wrote", () => {
    const header = JSON.parse(text(new ZipArchive(deflateFixture, ROOMY).read("header.json"))) as Record<string, unknown>;
    expect(header["status"]).toBe("success");
    expect((header["eval"] as Record<string, unknown>)["task"]).toBe("popularity");
  });

  it("reads the zstd (method 93) copy to exactly the same member bytes", () => {
    const deflated = new ZipArchive(deflateFixture, ROOMY);
    const zstd = new ZipArchive(zstdFixture, ROOMY);
    expect(zstd.entries.map((entry) => entry.name)).toEqual(members);
    expect(zstd.entries.every((entry) => entry.method === 93)).toBe(true);
    for (const name of members) expect(zstd.read(name)).toEqual(deflated.read(name));
  });

  it("counts every decompressed byte against the archive's budget", () => {
    const archive = new ZipArchive(deflateFixture, ROOMY);
    archive.read("header.json");
    archive.read("reductions.json");
    expect(archive.decompressedBytes).toBe(1967 + 140);
  });
});

describe("ZipArchive on archives built here", () => {
  it("reads stored and deflated members", () => {
    const zip = writeZip([
      { name: "a.txt", data: "stored text", method: "stored" },
      { name: "dir/b.json", data: '{"x": 1}' },
    ]);
    const archive = new ZipArchive(zip, ROOMY);
    expect(archive.entries.map((entry) => [entry.name, entry.method])).toEqual([
      ["a.txt", 0],
      ["dir/b.json", 8],
    ]);
    expect(text(archive.read("a.txt"))).toBe("stored text");
    expect(text(archive.read("dir/b.json"))).toBe('{"x": 1}');
  });

  it("finds the last member when a name occurs twice", () => {
    const archive = new ZipArchive(writeZip([{ name: "s.json", data: "first" }, { name: "s.json", data: "second" }]), ROOMY);
    expect(archive.entries).toHaveLength(2);
    expect(text(archive.read("s.json"))).toBe("second");
  });

  it("reads a ZIP64 archive, whose sizes and offsets live in ZIP64 extra fields and records", () => {
    const zip = writeZip(
      [
        { name: "first.txt", data: "x".repeat(5000) },
        { name: "second.txt", data: "stored in zip64", method: "stored" },
      ],
      { zip64: true },
    );
    const archive = new ZipArchive(zip, ROOMY);
    expect(archive.entries.map((entry) => [entry.name, entry.uncompressedSize])).toEqual([
      ["first.txt", 5000],
      ["second.txt", 15],
    ]);
    expect(archive.entries[1]?.localHeaderOffset).toBeGreaterThan(0);
    expect(text(archive.read("first.txt"))).toBe("x".repeat(5000));
    expect(text(archive.read("second.txt"))).toBe("stored in zip64");
  });

  it("finds the end record behind an archive comment", () => {
    const archive = new ZipArchive(writeZip([{ name: "a", data: "1" }], { comment: "PK\x05\x06 looks like a signature" }), ROOMY);
    expect(text(archive.read("a"))).toBe("1");
  });

  it("reads an empty archive", () => {
    const zip = writeZip([]);
    expect(looksLikeZip(zip)).toBe(true);
    expect(new ZipArchive(zip, ROOMY).entries).toEqual([]);
  });

  it("refuses a member whose CRC-32 does not match", () => {
    const zip = writeZip([{ name: "a", data: "hello", declaredCrc32: 1234 }]);
    const error = zipErrorOf(() => new ZipArchive(zip, ROOMY).read("a"));
    expect(error.code).toBe("zip-invalid");
    expect(error.message).toContain("CRC-32");
  });

  it("lists but refuses to read a member in an unsupported compression method", () => {
    const zip = writeZip([{ name: "a.bz2", data: "hello", precompressed: { method: 12, bytes: new Uint8Array([1, 2, 3]) } }]);
    const archive = new ZipArchive(zip, ROOMY);
    expect(archive.entries[0]?.method).toBe(12);
    const error = zipErrorOf(() => archive.read("a.bz2"));
    expect(error.code).toBe("zip-unsupported");
    expect(error.message).toContain("method 12");
  });

  it("reports a missing member by name", () => {
    expect(zipErrorOf(() => new ZipArchive(writeZip([]), ROOMY).read("header.json")).message).toContain('"header.json"');
  });
});

describe("zip bombs", () => {
  const zeros = new Uint8Array(8 * MiB);
  const cap = { maxDecompressedBytes: 1 * MiB };

  it("refuses a member whose declared size exceeds the limit, before inflating it", () => {
    const archive = new ZipArchive(writeZip([{ name: "bomb", data: zeros }]), cap);
    const error = zipErrorOf(() => archive.read("bomb"));
    expect(error.code).toBe("zip-too-large");
    expect(error.message).toContain(`declares ${8 * MiB} bytes`);
    expect(archive.decompressedBytes).toBe(0);
  });

  it("stops inflating a member that produces more than it declares", () => {
    const archive = new ZipArchive(writeZip([{ name: "liar", data: zeros, declaredSize: 1000 }]), cap);
    const error = zipErrorOf(() => archive.read("liar"));
    expect(error.code).toBe("zip-too-large");
    expect(error.message).toContain("more than its declared 1000 bytes");
  });

  it("refuses a ZIP64 member declaring 5 GB quickly, even under the default limit", () => {
    const deflated = deflateRawSync(new Uint8Array(1000));
    const zip = writeZip([{ name: "huge", data: new Uint8Array(1000), declaredSize: 5e9, precompressed: { method: 8, bytes: deflated } }], {
      zip64: true,
    });
    const started = performance.now();
    const error = zipErrorOf(() => new ZipArchive(zip, { maxDecompressedBytes: 256 * MiB }).read("huge"));
    expect(error.code).toBe("zip-too-large");
    expect(error.message).toContain("declares 5000000000 bytes");
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("caps the total across reads, not just each member", () => {
    const part = new Uint8Array(600 * 1024);
    const archive = new ZipArchive(writeZip([{ name: "one", data: part }, { name: "two", data: part }]), cap);
    expect(archive.read("one")).toHaveLength(600 * 1024);
    const error = zipErrorOf(() => archive.read("two"));
    expect(error.code).toBe("zip-too-large");
    expect(error.message).toContain(`${1 * MiB - 600 * 1024} bytes left`);
  });

  it("refuses a zstd frame whose declared content size is larger than the member's", () => {
    const frame = zstdRleFrame(0, 4 * MiB, { declaredContentSize: 4 * MiB });
    const zip = writeZip([{ name: "z", data: new Uint8Array(100), precompressed: { method: 93, bytes: frame } }]);
    const error = zipErrorOf(() => new ZipArchive(zip, cap).read("z"));
    expect(error.code).toBe("zip-too-large");
  });

  it("stops a zstd frame without a content size once it passes the declared size", () => {
    const frame = zstdRleFrame(0, 64 * MiB);
    expect(frame.length).toBeLessThan(4096);
    const zip = writeZip([{ name: "z", data: new Uint8Array(1000), precompressed: { method: 93, bytes: frame } }]);
    const started = performance.now();
    const error = zipErrorOf(() => new ZipArchive(zip, cap).read("z"));
    expect(error.code).toBe("zip-too-large");
    expect(error.message).toContain("more than its declared 1000 bytes");
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("refuses a zstd frame that asks for an oversized window", () => {
    const frame = zstdRleFrame(0, 10, { windowLog: 30 });
    const zip = writeZip([{ name: "z", data: new Uint8Array(10), precompressed: { method: 93, bytes: frame } }]);
    const error = zipErrorOf(() => new ZipArchive(zip, ROOMY).read("z"));
    expect(error.code).toBe("zip-unsupported");
    expect(error.message).toContain(`at most ${MAX_ZSTD_WINDOW_BYTES}`);
  });

  it("reads an honest zstd RLE member within the limit", () => {
    const frame = zstdRleFrame(0x41, 300_000, { declaredContentSize: 300_000 });
    const data = new Uint8Array(300_000).fill(0x41);
    const zip = writeZip([{ name: "z", data, precompressed: { method: 93, bytes: frame } }]);
    const output = new ZipArchive(zip, cap).read("z");
    expect(output).toHaveLength(300_000);
    expect(output.every((byte) => byte === 0x41)).toBe(true);
  });
});

describe("damaged archives", () => {
  it("refuses text that is not a ZIP", () => {
    const bytes = new TextEncoder().encode('{"status": "success"}');
    expect(looksLikeZip(bytes)).toBe(false);
    const error = zipErrorOf(() => new ZipArchive(bytes, ROOMY));
    expect(error.code).toBe("zip-invalid");
    expect(error.message).toContain("end of central directory not found");
  });

  it("refuses every truncation of a real archive with a ZipError", () => {
    for (let length = 0; length < deflateFixture.length; length += 7) {
      zipErrorOf(() => new ZipArchive(deflateFixture.subarray(0, length), ROOMY));
    }
  });

  it("refuses a central directory that points past the end", () => {
    const zip = writeZip([{ name: "a", data: "hello" }]);
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    view.setUint32(zip.length - 6, zip.length + 100, true);
    expect(zipErrorOf(() => new ZipArchive(zip, ROOMY)).message).toContain("central directory lies beyond the end");
  });

  it("refuses an archive with fewer central headers than its end record counts", () => {
    const zip = writeZip([{ name: "a", data: "hello" }]);
    new DataView(zip.buffer, zip.byteOffset, zip.byteLength).setUint16(zip.length - 12, 2, true);
    expect(zipErrorOf(() => new ZipArchive(zip, ROOMY)).message).toContain("expected 2 entries, found 1");
  });

  it("refuses ZIP64 markers without the ZIP64 records", () => {
    const zip = writeZip([{ name: "a", data: "hello" }]);
    new DataView(zip.buffer, zip.byteOffset, zip.byteLength).setUint32(zip.length - 6, 0xffffffff, true);
    expect(zipErrorOf(() => new ZipArchive(zip, ROOMY)).message).toContain("ZIP64");
  });

  it("never throws anything but ZipError, whatever bytes are corrupted", () => {
    for (const fixture of [deflateFixture, zstdFixture]) {
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(fixture.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (edits) => {
          const damaged = Uint8Array.from(fixture);
          for (const [at, value] of edits) damaged[at] = value;
          try {
            const archive = new ZipArchive(damaged, ROOMY);
            for (const entry of archive.entries) archive.read(entry);
          } catch (error) {
            if (!(error instanceof ZipError)) throw error;
          }
        }),
        { numRuns: 300 },
      );
    }
  });
});
