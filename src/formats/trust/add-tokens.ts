import { isMap, isScalar, isSeq, parseDocument, type Pair, type YAMLMap } from "yaml";

interface Edit {
  at: number;
  end: number;
  text: string;
}

/**
 * The `.eval_results` text with `verifyToken: tokens[i]` set on entry i: an edit of the text itself (a line added
 * after `value`, or the old token replaced), so comments, quoting and layout stay as written. Flow-style entries
 * fall back to re-serialising the document. The text must be a results file that validated.
 */
export function addVerifyTokens(text: string, tokens: readonly string[]): string {
  const doc = parseDocument(text, { schema: "core" });
  const entries = isSeq(doc.contents) ? doc.contents.items : [doc.contents];
  if (entries.length !== tokens.length) throw new RangeError(`${tokens.length} tokens for ${entries.length} entries`);
  const edits: Edit[] = [];
  for (const [i, entry] of entries.entries()) {
    const edit = isMap(entry) && !entry.flow ? editOf(text, entry, tokens[i] as string) : null;
    if (edit === null) return reserialised(text, tokens);
    edits.push(edit);
  }
  let out = text;
  for (const edit of edits.sort((a, b) => b.at - a.at)) out = out.slice(0, edit.at) + edit.text + out.slice(edit.end);
  return out;
}

function editOf(text: string, entry: YAMLMap, token: string): Edit | null {
  const existing = pairOf(entry, "verifyToken");
  if (existing) {
    const range = isScalar(existing.value) ? existing.value.range : undefined;
    return range && range[1] > range[0] ? { at: range[0], end: range[1], text: token } : null;
  }
  const value = pairOf(entry, "value");
  const keyRange = isScalar(value?.key) ? value.key.range : undefined;
  const valueRange = isScalar(value?.value) ? value.value.range : undefined;
  if (!keyRange || !valueRange) return null;
  const column = keyRange[0] - (text.lastIndexOf("\n", keyRange[0] - 1) + 1);
  const eol = text.indexOf("\n", valueRange[1]);
  const crlf = eol > 0 && text[eol - 1] === "\r";
  const line = `${" ".repeat(column)}verifyToken: ${token}`;
  if (eol === -1) return { at: text.length, end: text.length, text: `\n${line}\n` };
  const at = crlf ? eol - 1 : eol;
  return { at, end: at, text: `${crlf ? "\r\n" : "\n"}${line}` };
}

const pairOf = (map: YAMLMap, key: string): Pair | undefined => map.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);

function reserialised(text: string, tokens: readonly string[]): string {
  const doc = parseDocument(text, { schema: "core" });
  if (isSeq(doc.contents)) tokens.forEach((token, i) => doc.setIn([i, "verifyToken"], token));
  else doc.setIn(["verifyToken"], tokens[0]);
  return doc.toString({ lineWidth: 0 });
}
