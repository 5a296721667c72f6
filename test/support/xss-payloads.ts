// Payloads that run script if any page puts user text into HTML without escaping or sanitising it.
// Each one, if it ran, would set `window.__xss` or open a dialog (which the browser tests also watch for).

const RUN = "window.__xss=1";

/** Markup that runs script when it lands in an HTML text or attribute context. */
export const HTML_PAYLOADS: readonly string[] = [
  `<script>${RUN}</script>`,
  `<SCRIPT>${RUN}</SCRIPT>`,
  `<script src="data:text/javascript,${RUN}"></script>`,
  `<img src=x onerror="${RUN}">`,
  `<img src="x" onerror=${RUN}>`,
  `<IMG SRC=x OnErRoR=${RUN}>`,
  `<svg onload=${RUN}>`,
  `<svg><script>${RUN}</script></svg>`,
  `<svg><animate onbegin=${RUN} attributeName=x dur=1s>`,
  `<body onload=${RUN}>`,
  `<iframe src="javascript:parent.__xss=1"></iframe>`,
  `<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>`,
  `<object data="javascript:${RUN}"></object>`,
  `<embed src="javascript:${RUN}">`,
  `<details open ontoggle=${RUN}>`,
  `<video><source onerror="${RUN}"></video>`,
  `<audio src=x onerror=${RUN}>`,
  `<input autofocus onfocus=${RUN}>`,
  `<select autofocus onfocus=${RUN}></select>`,
  `<textarea autofocus onfocus=${RUN}></textarea>`,
  `<marquee onstart=${RUN}>x</marquee>`,
  `<div style="background:url(javascript:${RUN})">x</div>`,
  `<a href="javascript:${RUN}">click</a>`,
  `<a href="JaVaScRiPt:${RUN}">click</a>`,
  `<a href="&#106;avascript:${RUN}">click</a>`,
  `<a href="data:text/html,<script>${RUN}</script>">click</a>`,
  `<form action="javascript:${RUN}"><button>go</button></form>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${RUN}>`,
  `<noscript><p title="</noscript><img src=x onerror=${RUN}>">`,
  `<style>@import "javascript:${RUN}";</style>`,
  `<link rel=stylesheet href="javascript:${RUN}">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${RUN}">`,
  `<base href="javascript:${RUN}//">`,
  `"><script>${RUN}</script>`,
  `'><img src=x onerror=${RUN}>`,
  `"><svg onload=${RUN}>`,
  `</title><script>${RUN}</script>`,
  `</textarea><script>${RUN}</script>`,
  `</script><script>${RUN}</script>`,
  `<!--<img src="--><img src=x onerror=${RUN}//">`,
  `<img src=x:alert(1) onerror=eval(src)>`,
  `<img """><script>${RUN}</script>">`,
  `<scr<script>ipt>${RUN}</scr</script>ipt>`,
  `<isindex type=image src=1 onerror=${RUN}>`,
  `<table background="javascript:${RUN}">`,
  `<xss onmouseover=${RUN} style="display:block;width:9999px;height:9999px">hover</xss>`,
  `<img src=x onerror=alert(1)>`,
  `<svg><a xlink:href="javascript:${RUN}"><text x=20 y=20>x</text></a></svg>`,
  `<script>alert(document.domain)</script>`,
  `<img src=x onerror=confirm(1)>`,
  `<img src=x onerror=prompt(1)>`,
];

/** Markdown forms: links and images with script URLs, raw HTML inside Markdown constructs. */
export const MARKDOWN_PAYLOADS: readonly string[] = [
  `[click](javascript:${RUN})`,
  `[click](JAVASCRIPT:${RUN})`,
  `[click](javascript&#58;${RUN})`,
  `[click](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)`,
  `![img](javascript:${RUN})`,
  `[ref]: javascript:${RUN}\n\n[ref]`,
  `<javascript:${RUN}>`,
  `**<img src=x onerror=${RUN}>**`,
  `> <script>${RUN}</script>`,
  "| a |\n|---|\n| <img src=x onerror=window.__xss=1> |",
];

/** Every payload, for fields that take any text. */
export const XSS_PAYLOADS: readonly string[] = [...HTML_PAYLOADS, ...MARKDOWN_PAYLOADS];

/** URLs that must never become a working link. */
export const SCRIPT_URLS: readonly string[] = [`javascript:${RUN}`, `JavaScript:${RUN}`, `data:text/html,<script>${RUN}</script>`, `vbscript:msgbox(1)`];

/** File names that are valid in git and carry markup. */
export const FILE_NAME_PAYLOADS: readonly string[] = [
  `"><img src=x onerror=${RUN}>.txt`,
  `<svg onload=${RUN}>.md`,
  `'><details open ontoggle=${RUN}>.yaml`,
];
