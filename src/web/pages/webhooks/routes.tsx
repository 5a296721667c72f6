import type { Hono } from "hono";
import type { AppEnv } from "../../../api/env.ts";
import { HubError } from "../../../hub/errors.ts";
import type { Actor } from "../../../hub/policy.ts";
import { renderPage } from "../../render.tsx";
import { signedInUser } from "../accounts/forms.tsx";

/** The signed-in user's webhook subscriptions and each one's delivery log (read-only; subscribing is the API's). */
export function registerWebhookPages(app: Hono<AppEnv>): void {
  app.get("/settings/webhooks", async (c) => {
    const user = signedInUser(c);
    if (user instanceof Response) return user;
    const subs = await c.var.hub.webhooks.list(actorOf(user));
    return renderPage(
      c,
      "Webhooks",
      <section>
        <h1>Webhooks</h1>
        <p class="muted">Subscribe with <code>POST /api/webhooks</code> (see <a href="/api/docs">the API docs</a>); each delivery is signed with your secret.</p>
        {subs.length === 0 ? <p>No subscriptions yet.</p> : (
          <table>
            <thead><tr><th>Target</th><th>URL</th><th>Events</th><th>Active</th><th></th></tr></thead>
            <tbody>
              {subs.map((s) => (
                <tr>
                  <td>{s.target.kind} {s.target.id}</td>
                  <td><code>{s.url}</code></td>
                  <td>{s.events.length === 0 ? "all" : s.events.join(", ")}</td>
                  <td>{s.active ? "yes" : "no"}</td>
                  <td><a href={`/settings/webhooks/${s.id}`}>Delivery log</a></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>,
    );
  });

  app.get("/settings/webhooks/:id", async (c) => {
    const user = signedInUser(c);
    if (user instanceof Response) return user;
    const id = Number(c.req.param("id"));
    if (!Number.isSafeInteger(id) || id < 1) throw new HubError(404, "WebhookNotFound", "no such webhook");
    const actor = actorOf(user);
    const sub = await c.var.hub.webhooks.get(actor, id);
    const deliveries = await c.var.hub.webhooks.deliveries(actor, id, 100);
    return renderPage(
      c,
      `Webhook ${sub.id}`,
      <section>
        <p><a href="/settings/webhooks">← Webhooks</a></p>
        <h1>Deliveries to <code>{sub.url}</code></h1>
        <p class="muted">{sub.target.kind} {sub.target.id} · events: {sub.events.length === 0 ? "all" : sub.events.join(", ")}</p>
        {deliveries.length === 0 ? <p>Nothing delivered yet.</p> : (
          <table>
            <thead><tr><th>Event</th><th>Delivery</th><th>Status</th><th>Attempts</th></tr></thead>
            <tbody>
              {deliveries.map((d) => (
                <tr>
                  <td>{d.event}</td>
                  <td><code>{d.deliveryId}</code><br /><small>{d.createdAt}</small></td>
                  <td>{d.status}{d.nextAttemptAt ? ` (next try ${d.nextAttemptAt})` : ""}</td>
                  <td>
                    <ol>
                      {d.log.map((a) => (
                        <li>{a.at}: {a.statusCode ?? "no answer"}{a.error ? ` — ${a.error}` : ""} ({a.durationMs} ms){a.responseExcerpt ? <pre>{a.responseExcerpt.slice(0, 300)}</pre> : null}</li>
                      ))}
                    </ol>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>,
    );
  });
}

function actorOf(user: Actor["user"]): Actor {
  return { user, tokenRole: null };
}

