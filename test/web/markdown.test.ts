import { describe, expect, it } from "vitest";
import { cardBody, renderCard, renderMarkdown } from "../../src/web/markdown.ts";
import { SCRIPT_URLS, XSS_PAYLOADS } from "../support/xss-payloads.ts";

describe("markdown to safe HTML", () => {
  it("keeps ordinary Markdown: headings, emphasis, code, tables, links with nofollow", () => {
    const html = renderMarkdown("# Title\n\n**bold** `code`\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n[site](https://example.org/x)");
    expect(html).toContain("<h1>Title</h1>");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<code>code</code>");
    expect(html).toContain('<td class="align-right">2</td>');
    expect(html).toContain('<a href="https://example.org/x" rel="nofollow noopener">site</a>');
  });

  it("leaves no tag that runs script, no event handler and no script URL from any payload", () => {
    for (const payload of XSS_PAYLOADS) {
      const html = renderMarkdown(payload).toLowerCase();
      expect(html, payload).not.toMatch(/<(script|iframe|object|embed|svg|math|style|link|meta|base|form|input|textarea|select|details|video|audio|body|marquee)\b/);
      expect(html, payload).not.toMatch(/<[^>]+\son[a-z]+\s*=/);
      expect(html, payload).not.toMatch(/<[^>]*\s(href|src|action)="\s*(javascript|data|vbscript):/);
    }
    for (const url of SCRIPT_URLS) expect(renderMarkdown(`[x](${url})`), url).not.toContain("href=");
  });

  it("turns images from elsewhere into links, since pages load images from this hub only", () => {
    expect(renderMarkdown("![chart](https://example.org/c.png)")).toContain('<a href="https://example.org/c.png" rel="nofollow noopener">image: chart</a>');
    expect(renderMarkdown("![badge](/api/badge/a/b/c/d)")).toContain('<img src="/api/badge/a/b/c/d" alt="badge" />');
  });

  it("does not show a card's YAML front matter", () => {
    expect(cardBody("---\nlicense: mit\n---\n# Card\n")).toBe("# Card\n");
    expect(cardBody("# No front matter\n---\n")).toBe("# No front matter\n---\n");
    expect(renderCard("---\npretty_name: HIDDEN\n---\ntext")).not.toContain("HIDDEN");
  });
});
