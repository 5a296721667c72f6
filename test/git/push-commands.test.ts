import { describe, expect, it } from "vitest";
import { encodePktLine, encodeSideband, FLUSH_PKT, PktLineError, readPktLine } from "../../src/git/pkt-line.ts";
import { readPushCommands } from "../../src/git/push-commands.ts";
import { refusalReport } from "../../src/git/push-report.ts";

const A = "a".repeat(40);
const B = "b".repeat(40);
const ZERO = "0".repeat(40);

async function* inPieces(data: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

function unpack(buffer: Buffer): string[] {
  const lines: string[] = [];
  for (let offset = 0; offset < buffer.length; ) {
    const read = readPktLine(buffer, offset);
    if (read === null) throw new Error("truncated");
    lines.push(read.line.kind === "data" ? read.line.payload.toString("latin1") : read.line.kind);
    offset = read.next;
  }
  return lines;
}

describe("readPushCommands", () => {
  const request = Buffer.concat([
    encodePktLine(`shallow ${A}\n`),
    encodePktLine(`${A} ${B} refs/heads/main\0report-status side-band-64k agent=git/2.39.5\n`),
    encodePktLine(`${ZERO} ${B} refs/pr/1\n`),
    encodePktLine(`${A} ${ZERO} refs/tags/old\n`),
    FLUSH_PKT,
  ]);
  const pack = Buffer.from("PACK\0\0\0\x02 rest of the pack");

  it("parses commands and capabilities however the body is split, keeping every byte read", async () => {
    for (const size of [1, 3, 7, 64, 100_000]) {
      const chunks = inPieces(Buffer.concat([request, pack]), size);
      const start = await readPushCommands(chunks);
      expect(start.commands).toEqual([
        { ref: "refs/heads/main", oldOid: A, newOid: B, kind: "update" },
        { ref: "refs/pr/1", oldOid: ZERO, newOid: B, kind: "create" },
        { ref: "refs/tags/old", oldOid: A, newOid: ZERO, kind: "delete" },
      ]);
      expect([...start.capabilities]).toEqual(["report-status", "side-band-64k", "agent=git/2.39.5"]);
      const rest: Uint8Array[] = [];
      for await (const chunk of chunks) rest.push(chunk);
      expect(Buffer.concat([start.head, ...rest]).equals(Buffer.concat([request, pack]))).toBe(true);
    }
  });

  it("reads an empty body or a lone flush as no commands", async () => {
    expect((await readPushCommands(inPieces(Buffer.alloc(0), 1))).commands).toEqual([]);
    expect((await readPushCommands(inPieces(FLUSH_PKT, 1))).commands).toEqual([]);
  });

  it("rejects malformed, truncated and oversized command lists", async () => {
    await expect(readPushCommands(inPieces(Buffer.from("zzzz"), 4))).rejects.toBeInstanceOf(PktLineError);
    await expect(readPushCommands(inPieces(encodePktLine("hello\n"), 4))).rejects.toBeInstanceOf(PktLineError);
    await expect(readPushCommands(inPieces(request.subarray(0, 60), 8))).rejects.toThrow(/ended inside/);
    const many = Buffer.concat(Array.from({ length: 100 }, () => encodePktLine(`${A} ${B} refs/heads/x\n`)));
    await expect(readPushCommands(inPieces(many, 1000), 2000)).rejects.toThrow(/longer than 2000 bytes/);
  });
});

describe("refusalReport", () => {
  const commands = [
    { ref: "refs/heads/main", oldOid: A, newOid: B, kind: "update" as const },
    { ref: "refs/pr/1", oldOid: ZERO, newOid: B, kind: "create" as const },
  ];

  it("reports every command as refused in plain report-status", () => {
    const report = refusalReport(commands, "no\nwrite access", new Set(["report-status"]));
    expect(unpack(report)).toEqual(["unpack ok\n", "ng refs/heads/main no write access\n", "ng refs/pr/1 no write access\n", "flush"]);
  });

  it("wraps the report in side-band channel 1 and the message in channel 2", () => {
    const report = refusalReport(commands, "no write access", new Set(["report-status", "side-band-64k"]));
    const packets = unpack(report);
    expect(packets.at(-1)).toBe("flush");
    expect(packets[0]).toBe("\x02no write access\n");
    const inner = Buffer.from(packets.slice(1, -1).map((p) => p.slice(1)).join(""), "latin1");
    expect(unpack(inner)).toEqual(["unpack ok\n", "ng refs/heads/main no write access\n", "ng refs/pr/1 no write access\n", "flush"]);
  });

  it("keeps side-band packets within 1000 bytes for plain side-band", () => {
    const data = Buffer.alloc(2500, 120);
    const packets = unpack(encodeSideband(2, data, 1000));
    expect(packets.map((p) => p.length + 4)).toEqual([1000, 1000, 515]);
  });
});
