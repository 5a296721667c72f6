import type { OpenApiDocument } from "./document.ts";

// The readable form of the OpenAPI document: rendered on the server (JSX escapes every string), no scripts at all.

interface Operation {
  summary?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; description?: string }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  security?: Record<string, unknown>[];
  responses?: Record<string, { description: string }>;
}

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 64rem; padding: 0 1rem; color: #1d232a; }
h2 { border-bottom: 1px solid #d0d7de; padding-bottom: .25rem; margin-top: 2rem; text-transform: capitalize; }
details { border: 1px solid #d0d7de; border-radius: 6px; margin: .4rem 0; padding: .4rem .7rem; }
summary { cursor: pointer; }
code.method { display: inline-block; min-width: 4.5rem; font-weight: 700; text-transform: uppercase; }
pre { background: #f6f8fa; padding: .6rem; overflow-x: auto; font-size: 13px; }
.auth { color: #57606a; font-size: 13px; }
`;

function authOf(op: Operation): string {
  if (!op.security || op.security.length === 0) return "no token needed";
  return op.security.some((s) => Object.keys(s).length === 0) ? "token optional (private repositories need one)" : "token required";
}

export function DocsPage(props: { doc: OpenApiDocument }) {
  const info = props.doc.info as { title: string; description: string };
  const byTag = new Map<string, { method: string; path: string; op: Operation }[]>();
  for (const [path, methods] of Object.entries(props.doc.paths)) {
    for (const [method, op] of Object.entries(methods) as [string, Operation][]) {
      const tag = op.tags?.[0] ?? "other";
      byTag.set(tag, [...(byTag.get(tag) ?? []), { method, path, op }]);
    }
  }
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>{info.title}</title>
        <style>{STYLE}</style>
      </head>
      <body>
        <h1>{info.title}</h1>
        <p>{info.description}</p>
        <p>
          The machine-readable document is <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Errors are JSON{" "}
          <code>{"{error}"}</code> with the code in <code>X-Error-Code</code>; send a token as <code>Authorization: Bearer hf_…</code>.
        </p>
        {[...byTag.entries()].map(([tag, ops]) => (
          <section>
            <h2>{tag}</h2>
            {ops.map(({ method, path, op }) => (
              <details>
                <summary>
                  <code class="method">{method}</code> <code>{path}</code> — {op.summary} <span class="auth">({authOf(op)})</span>
                </summary>
                {op.parameters && op.parameters.length > 0 ? (
                  <ul>
                    {op.parameters.map((p) => (
                      <li>
                        <code>{p.name}</code> ({p.in}{p.required ? ", required" : ""}){p.description ? `: ${p.description}` : ""}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {op.requestBody
                  ? Object.entries(op.requestBody.content).map(([type, media]) => (
                      <div>
                        <p>Body ({type}):</p>
                        <pre>{JSON.stringify(media.schema, null, 2)}</pre>
                      </div>
                    ))
                  : null}
                <p>Answers: {Object.entries(op.responses ?? {}).filter(([status]) => status !== "default").map(([status, r]) => `${status} ${r.description}`).join("; ")}</p>
              </details>
            ))}
          </section>
        ))}
      </body>
    </html>
  );
}
