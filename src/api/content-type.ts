import { basename, extname } from "node:path";

const TEXT = "text/plain; charset=utf-8";

// Markup (html, svg) is served as text on purpose: files come from any user with write access.
const BY_EXTENSION = new Map<string, string>(Object.entries({
  ".md": TEXT, ".txt": TEXT, ".yaml": TEXT, ".yml": TEXT, ".json": TEXT, ".jsonl": TEXT, ".csv": TEXT, ".tsv": TEXT,
  ".toml": TEXT, ".ini": TEXT, ".cfg": TEXT, ".py": TEXT, ".ts": TEXT, ".js": TEXT, ".sh": TEXT, ".log": TEXT,
  ".html": TEXT, ".htm": TEXT, ".svg": TEXT, ".xml": TEXT,
  ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp",
  ".pdf": "application/pdf", ".zip": "application/zip", ".gz": "application/gzip",
}));

const TEXT_NAMES = new Set([".gitattributes", ".gitignore", "license", "readme", "notice", "makefile"]);

/** The Content-Type of a repository file, from its name; application/octet-stream when unknown. */
export function contentTypeOf(path: string): string {
  const name = basename(path).toLowerCase();
  if (TEXT_NAMES.has(name)) return TEXT;
  return BY_EXTENSION.get(extname(name)) ?? "application/octet-stream";
}

/** `inline` with the file's name, in plain ASCII and in RFC 5987 form for any other characters. */
export function inlineDisposition(path: string): string {
  const name = basename(path);
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
