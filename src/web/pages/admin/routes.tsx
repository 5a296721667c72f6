import type { Context, Hono } from "hono";
import type { Child } from "hono/jsx";
import type { AppEnv } from "../../../api/env.ts";
import type { Account } from "../../../hub/accounts.ts";
import { HubError } from "../../../hub/errors.ts";
import { DEFAULT_FRAMEWORKS } from "../../../formats/frameworks.ts";
import { renderPage } from "../../render.tsx";
import { CsrfField } from "../../session/csrf-field.tsx";
import { viewerOf } from "../../session/viewer.ts";
import { datasetPath } from "../../urls.ts";
import { FormError, formFields, Notice, signedInUser } from "../accounts/forms.tsx";

type AdminTab = "benchmarks" | "issuers" | "frameworks";

/** Site admin pages: official benchmarks, trusted issuers and the framework list. Every handler asks the policy. */
export function registerAdminRoutes(app: Hono<AppEnv>): void {
  app.get("/admin", (c) => c.redirect("/admin/benchmarks", 303));

  app.get("/admin/benchmarks", async (c) => {
    const admin = siteAdmin(c);
    if (admin instanceof Response) return admin;
    return benchmarksPage(c, c.req.query("done") ? "Saved." : undefined);
  });
  app.post("/admin/benchmarks/official", async (c) => {
    const admin = siteAdmin(c);
    if (admin instanceof Response) return admin;
    const form = await formFields(c, 300);
    const [namespace = "", name = ""] = (form.dataset ?? "").split("/");
    const repo = await c.var.hub.repos.find({ kind: "dataset", namespace, name });
    if (!repo) return benchmarksPage(c, undefined, "No such dataset.", 400);
    await c.var.hub.benchmarks.setOfficial(viewerOf(c), repo, form.official === "1");
    return c.redirect("/admin/benchmarks?done=1", 303);
  });

  app.get("/admin/issuers", async (c) => {
    const admin = siteAdmin(c);
    if (admin instanceof Response) return admin;
    return issuersPage(c, { notice: { added: "Issuer saved.", removed: "Issuer removed." }[c.req.query("done") ?? ""] });
  });
  app.post("/admin/issuers", async (c) => {
    const admin = siteAdmin(c);
    if (admin instanceof Response) return admin;
    const form = await formFields(c, 20_000);
    const benchmarks = (form.benchmarks ?? "").split(/[\s,]+/).filter(Boolean);
    let jwk: unknown;
    try {
      jwk = JSON.parse(form.jwk ?? "");
    } catch {
      return issuersPage(c, { error: "The key must be a public JWK in JSON, e.g. {\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"…\"}." }, 400);
    }
    try {
      await c.var.hub.issuers.register(viewerOf(c), { name: (form.name ?? "").trim(), jwk, benchmarks: benchmarks.length > 0 ? benchmarks : null });
    } catch (error) {
      if (error instanceof HubError && error.status < 500 && error.status !== 403 && error.status !== 401) return issuersPage(c, { error: error.message }, 400);
      throw error;
    }
    return c.redirect("/admin/issuers?done=added", 303);
  });
  app.post("/admin/issuers/:name/remove", async (c) => {
    const admin = siteAdmin(c);
    if (admin instanceof Response) return admin;
    await c.var.hub.issuers.remove(viewerOf(c), c.req.param("name"));
    return c.redirect("/admin/issuers?done=removed", 303);
  });

  app.get("/admin/frameworks", (c) => {
    const admin = siteAdmin(c);
    if (admin instanceof Response) return admin;
    return adminPage(
      c,
      "frameworks",
      "Evaluation frameworks",
      <>
        <p class="muted">
          The <code>evaluation_framework</code> ids an eval.yaml may name. This hub uses the built-in list (Hugging Face's); it cannot be changed from here yet.
        </p>
        <ul class="list columns">
          {DEFAULT_FRAMEWORKS.map((id) => (
            <li>
              <code>{id}</code>
            </li>
          ))}
        </ul>
      </>,
    );
  });
}

/** The signed-in site admin; anyone else is sent to sign in, or refused. */
function siteAdmin(c: Context<AppEnv>): Account | Response {
  const user = signedInUser(c);
  if (user instanceof Response) return user;
  c.var.hub.policy.assertSiteAdmin(viewerOf(c));
  return user;
}

function adminPage(c: Context<AppEnv>, tab: AdminTab, title: string, body: Child, status: 200 | 400 = 200) {
  const link = (id: AdminTab, label: string) => (
    <a href={`/admin/${id}`} aria-current={tab === id ? "page" : undefined}>
      {label}
    </a>
  );
  return renderPage(
    c,
    `Admin · ${title}`,
    <section>
      <nav class="tabs" aria-label="Site admin">
        {link("benchmarks", "Official benchmarks")}
        {link("issuers", "Trusted issuers")}
        {link("frameworks", "Frameworks")}
      </nav>
      <h1>{title}</h1>
      {body}
    </section>,
    { status },
  );
}

async function benchmarksPage(c: Context<AppEnv>, notice?: string, error?: string, status: 200 | 400 = 200) {
  const benchmarks = await c.var.hub.benchmarks.listForAdmin(viewerOf(c));
  return adminPage(
    c,
    "benchmarks",
    "Official benchmarks",
    <>
      <FormError message={error} />
      <Notice message={notice} />
      <p class="muted">Official benchmarks lead the home page. Any dataset with a root eval.yaml is a benchmark.</p>
      {benchmarks.length === 0 ? (
        <p class="muted">No benchmarks yet.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Benchmark</th>
                <th>eval.yaml</th>
                <th>Official</th>
              </tr>
            </thead>
            <tbody>
              {benchmarks.map((b) => (
                <tr>
                  <td>
                    <a href={datasetPath(b.id)}>{b.id}</a> {b.private ? <span class="badge hidden">private</span> : null}
                  </td>
                  <td>{b.valid ? "valid" : <span class="badge invalid">invalid</span>}</td>
                  <td>
                    <form method="post" action="/admin/benchmarks/official" class="row">
                      <CsrfField />
                      <input type="hidden" name="dataset" value={b.id} />
                      <input type="hidden" name="official" value={b.official ? "0" : "1"} />
                      {b.official ? <span class="badge official">official</span> : null}
                      <button type="submit" class="secondary" aria-label={`${b.official ? "Unmark" : "Mark"} ${b.id} official`}>
                        {b.official ? "Unmark" : "Mark official"}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>,
    status,
  );
}

async function issuersPage(c: Context<AppEnv>, state: { error?: string; notice?: string | undefined }, status: 200 | 400 = 200) {
  const issuers = await c.var.hub.issuers.list(viewerOf(c));
  return adminPage(
    c,
    "issuers",
    "Trusted issuers",
    <>
      <FormError message={state.error} />
      <Notice message={state.notice} />
      <p class="muted">
        Evaluators whose signed results (<code>verifyToken</code>) count as verified, for every benchmark or the ones listed. Changes re-verify the results they touch.
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th>Issuer</th>
              <th>Benchmarks</th>
              <th>Keys</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {issuers.map((i) => (
              <tr>
                <td>
                  {i.name} {i.builtIn ? <span class="badge">this hub</span> : null}
                </td>
                <td>{i.benchmarks === null ? "all" : i.benchmarks.join(", ")}</td>
                <td>
                  {i.keys.map((k) => (
                    <code class="kid">{k.kid}</code>
                  ))}
                </td>
                <td>
                  {i.builtIn ? null : (
                    <form method="post" action={`/admin/issuers/${encodeURIComponent(i.name)}/remove`} class="inline">
                      <CsrfField />
                      <button type="submit" class="secondary" aria-label={`Remove ${i.name}`}>
                        Remove
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form method="post" action="/admin/issuers" class="stacked card">
        <CsrfField />
        <h2>Add an issuer or a key</h2>
        <label>
          Name (the <code>iss</code> of its tokens)
          <input type="text" name="name" required maxlength={64} />
        </label>
        <label>
          Public key (Ed25519 JWK, JSON)
          <textarea name="jwk" rows={4} required maxlength={10000}></textarea>
        </label>
        <label>
          Benchmarks (dataset ids separated by spaces or commas; empty for all)
          <input type="text" name="benchmarks" maxlength={5000} />
        </label>
        <button type="submit">Save issuer</button>
      </form>
    </>,
    status,
  );
}
