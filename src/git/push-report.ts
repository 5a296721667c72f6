import type { PushCommand } from "./push-commands.ts";
import { encodePktLine, encodeSideband, FLUSH_PKT } from "./pkt-line.ts";

/**
 * What receive-pack would answer had a pre-receive hook declined the push: `unpack ok`, then
 * `ng <ref> <reason>` for every command, so `git push` prints
 * `! [remote rejected] <ref> (<reason>)`. With a side-band, the message also goes to the
 * progress channel, which git prints as `remote: <line>`.
 */
export function refusalReport(commands: readonly PushCommand[], message: string, capabilities: ReadonlySet<string>): Buffer {
  const reason = message.replace(/\s+/g, " ").trim().slice(0, 1000) || "refused";
  const wantsReport = capabilities.has("report-status") || capabilities.has("report-status-v2");
  const report = wantsReport
    ? Buffer.concat([encodePktLine("unpack ok\n"), ...commands.map((c) => encodePktLine(`ng ${c.ref} ${reason}\n`)), FLUSH_PKT])
    : Buffer.alloc(0);

  const maxPacket = capabilities.has("side-band-64k") ? 65520 : capabilities.has("side-band") ? 1000 : 0;
  if (maxPacket === 0) return report;
  const progress = message
    .split("\n")
    .map((line) => `${line}\n`)
    .join("");
  return Buffer.concat([
    encodeSideband(2, Buffer.from(progress), maxPacket),
    encodeSideband(1, report, maxPacket),
    FLUSH_PKT,
  ]);
}
