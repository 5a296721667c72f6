import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

// The one way user text becomes HTML: markdown-it with raw HTML off (so HTML in a README shows as text), then
// sanitize-html with a strict allow-list over what markdown-it produced, as a second wall.

const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

const SAFE_SCHEMES = ["http", "https", "mailto"];

const POLICY: sanitizeHtml.IOptions = {
  allowedTags: [
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code", "em", "strong", "del", "s",
    "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
  ],
  allowedAttributes: {
    a: ["href", "title", "rel"],
    img: ["src", "alt", "title"],
    ol: ["start"],
    th: ["class"],
    td: ["class"],
    code: ["class"],
  },
  allowedClasses: { code: [/^language-[a-z0-9_+-]{1,40}$/], th: ["align-left", "align-right", "align-center"], td: ["align-left", "align-right", "align-center"] },
  allowedSchemes: SAFE_SCHEMES,
  allowedSchemesByTag: { img: ["http", "https"] },
  allowedSchemesAppliedToAttributes: ["href", "src"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "nofollow noopener" } }),
    // The CSP allows no inline styles: table alignment becomes a class.
    th: alignToClass,
    td: alignToClass,
    // The CSP allows images from this hub only: an image elsewhere becomes a link to it.
    img: (tagName, attribs) => {
      const src = attribs["src"] ?? "";
      if (src.startsWith("/") && !src.startsWith("//")) return { tagName, attribs };
      return { tagName: "a", attribs: { href: src, rel: "nofollow noopener" }, text: `image: ${attribs["alt"] || src}` };
    },
  },
};

function alignToClass(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const align = /text-align:\s*(left|right|center)/.exec(attribs["style"] ?? "")?.[1];
  return { tagName, attribs: align ? { class: `align-${align}` } : {} };
}

/** Markdown from a user (a README, a comment) as safe HTML. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(source), POLICY);
}

const FENCE = /^---[ \t]*$/;

/** A model or dataset card without its YAML front matter, which is metadata and not text to show. */
export function cardBody(readme: string): string {
  const lines = readme.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (!FENCE.test(lines[0] ?? "")) return readme;
  const close = lines.findIndex((line, i) => i > 0 && FENCE.test(line));
  return close < 0 ? readme : lines.slice(close + 1).join("\n");
}

/** A README rendered for a repository page. */
export function renderCard(readme: string): string {
  return renderMarkdown(cardBody(readme));
}
