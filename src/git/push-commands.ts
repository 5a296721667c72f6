import { ZERO_OID } from "./object-id.ts";
import { PktLineError, readPktLine } from "./pkt-line.ts";

export type PushCommandKind = "create" | "update" | "delete";

/** One ref update a client asked for in a push. */
export interface PushCommand {
  ref: string;
  /** The value the client believes the ref has; ZERO_OID when creating. */
  oldOid: string;
  /** The value the client wants; ZERO_OID when deleting. */
  newOid: string;
  kind: PushCommandKind;
}

export interface PushRequestStart {
  commands: PushCommand[];
  /** Capabilities the client sent with its first command, e.g. `report-status`, `side-band-64k`. */
  capabilities: ReadonlySet<string>;
  /** Every byte read so far; receive-pack must get these before the rest of the body. */
  head: Buffer;
}

const COMMAND = /^([0-9a-f]{40}) ([0-9a-f]{40}) (.+)$/s;

/**
 * Reads the command list at the start of a receive-pack request body (pkt-lines up to the first
 * flush) without consuming the pack that follows. An empty body means no commands: git sends
 * just a flush as a probe before large pushes.
 */
export async function readPushCommands(chunks: AsyncIterator<Uint8Array>, maxBytes = 1024 * 1024): Promise<PushRequestStart> {
  let buffer = Buffer.alloc(0);
  let offset = 0;
  const commands: PushCommand[] = [];
  let capabilities = new Set<string>();

  for (;;) {
    const read = readPktLine(buffer, offset);
    if (read === null) {
      if (buffer.length > maxBytes) throw new PktLineError(`push command list is longer than ${maxBytes} bytes`);
      const next = await chunks.next();
      if (next.done === true) {
        if (buffer.length === 0) return { commands, capabilities, head: buffer };
        throw new PktLineError("push request ended inside the command list");
      }
      buffer = Buffer.concat([buffer, next.value]);
      continue;
    }
    offset = read.next;
    if (read.line.kind === "flush") return { commands, capabilities, head: buffer };
    if (read.line.kind !== "data") throw new PktLineError("unexpected special packet in push command list");

    let text = read.line.payload.toString("utf8").replace(/\n$/, "");
    if (commands.length === 0) {
      const nul = text.indexOf("\0");
      if (nul !== -1) {
        capabilities = new Set(text.slice(nul + 1).split(" ").filter((c) => c !== ""));
        text = text.slice(0, nul);
      }
    }
    if (text.startsWith("shallow ")) continue;
    const match = COMMAND.exec(text);
    if (match === null) throw new PktLineError(`malformed push command ${JSON.stringify(text.slice(0, 200))}`);
    const [, oldOid = "", newOid = "", ref = ""] = match;
    if (oldOid === ZERO_OID && newOid === ZERO_OID) throw new PktLineError(`push command for ${ref} has two zero ids`);
    const kind: PushCommandKind = oldOid === ZERO_OID ? "create" : newOid === ZERO_OID ? "delete" : "update";
    commands.push({ ref, oldOid, newOid, kind });
  }
}
