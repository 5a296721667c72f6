import type { EntryKey } from "../../../hub/results/moderation.ts";

/**
 * The `entry` field of the hide/unhide forms on a model page: `POST /{ns}/{name}/results/hide` (or `/unhide`)
 * with fields `entry` (this encoding), `reason` and `_csrf`. The form is `ref:contentHash:filePath`; a git ref
 * holds no `:` and the hash is hex, so the file path, last, may hold anything.
 */
export function entryField(key: EntryKey): string {
  return `${key.ref}:${key.contentHash}:${key.filePath}`;
}

export function parseEntryField(value: string): EntryKey | null {
  const match = /^(refs\/[^:]+):([0-9a-f]{64}):(.+)$/s.exec(value);
  if (!match) return null;
  return { ref: match[1]!, contentHash: match[2]!, filePath: match[3]! };
}
