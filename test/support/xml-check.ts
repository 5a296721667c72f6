// A small XML well-formedness check for tests: balanced tags, quoted attributes, known entities, one root.
// It returns a light tree so tests can look for elements; it is not a general XML parser.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const NAME = /^[A-Za-z_][\w.:-]*/;

function decode(text: string, where: number): string {
  return text.replace(/&([^;]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(";")) throw new Error(`bare & near offset ${where}`);
    if (name in ENTITIES) return ENTITIES[name]!;
    const numeric = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(name);
    if (numeric) return String.fromCodePoint(numeric[1]!.startsWith("x") ? parseInt(numeric[1]!.slice(1), 16) : Number(numeric[1]));
    throw new Error(`unknown entity &${name}; near offset ${where}`);
  });
}

export function parseXml(source: string): XmlElement {
  let at = 0;
  if (source.startsWith("<?xml")) at = source.indexOf("?>") + 2;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (at < source.length) {
    const lt = source.indexOf("<", at);
    const text = source.slice(at, lt < 0 ? source.length : lt);
    if (text.includes(">")) throw new Error(`stray > near offset ${at}`);
    if (stack.length > 0) stack.at(-1)!.text += decode(text, at);
    else if (text.trim() !== "") throw new Error(`text outside the root element near offset ${at}`);
    if (lt < 0) break;
    at = lt;
    if (source.startsWith("<!--", at)) {
      at = source.indexOf("-->", at) + 3;
      continue;
    }
    const end = source.indexOf(">", at);
    if (end < 0) throw new Error(`unclosed tag at offset ${at}`);
    const tag = source.slice(at + 1, end);
    at = end + 1;
    if (tag.startsWith("/")) {
      const open = stack.pop();
      if (!open || open.name !== tag.slice(1).trim()) throw new Error(`</${tag.slice(1)}> closes ${open?.name ?? "nothing"}`);
      continue;
    }
    const selfClosing = tag.endsWith("/");
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const name = NAME.exec(body)?.[0];
    if (!name) throw new Error(`bad tag <${tag}>`);
    const attributes: Record<string, string> = {};
    let rest = body.slice(name.length);
    for (;;) {
      rest = rest.replace(/^\s+/, "");
      if (rest === "") break;
      const attr = /^([A-Za-z_][\w.:-]*)\s*=\s*("([^"<]*)"|'([^'<]*)')/.exec(rest);
      if (!attr) throw new Error(`bad attribute in <${tag}>`);
      if (attr[1]! in attributes) throw new Error(`duplicate attribute ${attr[1]} in <${name}>`);
      attributes[attr[1]!] = decode(attr[3] ?? attr[4] ?? "", at);
      rest = rest.slice(attr[0].length);
    }
    const element: XmlElement = { name, attributes, children: [], text: "" };
    if (stack.length > 0) stack.at(-1)!.children.push(element);
    else if (root) throw new Error("more than one root element");
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length > 0) throw new Error(`<${stack.at(-1)!.name}> is never closed`);
  if (!root) throw new Error("no root element");
  return root;
}

export const childrenNamed = (element: XmlElement, name: string) => element.children.filter((c) => c.name === name);
export const childText = (element: XmlElement, name: string) => childrenNamed(element, name)[0]?.text;
