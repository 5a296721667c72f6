import { Ajv2020 } from "ajv/dist/2020.js";
import { expect, it } from "vitest";
import { z } from "zod";
import { createApp } from "../../src/api/app.ts";
import { openApiPath, type OpenApiDocument } from "../../src/api/openapi/document.ts";
import { createWebhookBodySchema } from "../../src/api/schemas/webhooks.ts";
import { createRepoBodySchema } from "../../src/api/schemas/repo-writes.ts";
import { describeEachDialect } from "../support/dialects.ts";
import { inProcessHub } from "../support/in-process-hub.ts";
import { OPENAPI_31_SCHEMA } from "../support/openapi-31-schema.ts";

// The contract: /api/openapi.json is a valid OpenAPI 3.1 document, and it names every route the server has.

/** The routes the document covers: the API, file downloads, git over HTTP, feeds, keys and health; not the web pages. */
const documented = (path: string) =>
  path.startsWith("/api/") || path === "/api" || /\/(resolve|raw)\/\*$/.test(path) || /\/(info\/refs|git-upload-pack|git-receive-pack)$/.test(path) ||
  path.endsWith("/feed.atom") || path === "/healthz" || path.startsWith("/.well-known/");

describeEachDialect("OpenAPI document", (getDb) => {
  const inProcess = inProcessHub(getDb);

  async function served(): Promise<{ app: ReturnType<typeof createApp>; doc: OpenApiDocument }> {
    const app = createApp(inProcess().hub);
    const res = await app.request("/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    return { app, doc: (await res.json()) as OpenApiDocument };
  }

  it("covers every route of the server, and names no route it does not have", async () => {
    const { app, doc } = await served();
    const routes = app.routes.filter((r) => r.method !== "ALL" && documented(r.path)).map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path)}`);
    expect(routes.length).toBeGreaterThan(50);
    const inDocument = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m} ${path}`));
    const missing = [...new Set(routes)].filter((r) => !inDocument.includes(r));
    expect(missing, "routes missing from openapi.json").toEqual([]);
    const phantom = inDocument.filter((op) => !routes.includes(op));
    expect(phantom, "operations with no route").toEqual([]);
  });

  it("is a valid OpenAPI 3.1 document whose schemas are valid JSON Schema", async () => {
    const { doc } = await served();
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(OPENAPI_31_SCHEMA);
    expect(validate(doc), JSON.stringify(validate.errors, null, 1)).toBe(true);

    // Structure the meta-schema cannot express: unique operation ids, path templates declared as parameters, refs that resolve.
    const ids = new Set<string>();
    for (const [path, methods] of Object.entries(doc.paths)) {
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      for (const [method, op] of Object.entries(methods) as [string, { operationId: string; parameters?: { name: string; in: string }[]; requestBody?: { content: Record<string, { schema: object }> }; responses: Record<string, { content?: Record<string, { schema: object }> }> }][]) {
        expect(ids.has(op.operationId), `${method} ${path}: duplicate operationId`).toBe(false);
        ids.add(op.operationId);
        expect((op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name).sort(), `${method} ${path}`).toEqual(templated);
        const schemas = [...Object.values(op.requestBody?.content ?? {}), ...Object.values(op.responses).flatMap((r) => Object.values(r.content ?? {}))].map((m) => m.schema);
        for (const schema of schemas) {
          const text = JSON.stringify(schema);
          for (const ref of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) expect(Object.keys((doc.components as { schemas: object }).schemas)).toContain(ref[1]);
          if (!text.includes("#/components/")) expect(() => ajv.compile(schema), `${method} ${path}`).not.toThrow();
        }
      }
    }
  });

  it("documents request bodies with the schemas the routes validate with", async () => {
    const { app, doc } = await served();
    const bodySchema = (path: string, method: string) => (doc.paths[path]![method]!.requestBody as { content: Record<string, { schema: unknown }> }).content["application/json"]!.schema;
    const { $schema: _a, ...webhook } = z.toJSONSchema(createWebhookBodySchema, { target: "draft-2020-12", io: "input", unrepresentable: "any" });
    expect(bodySchema("/api/webhooks", "post")).toEqual(webhook);
    const { $schema: _b, ...create } = z.toJSONSchema(createRepoBodySchema, { target: "draft-2020-12", io: "input", unrepresentable: "any" });
    expect(bodySchema("/api/repos/create", "post")).toEqual(create);
    // And what the document says is required, the route requires.
    expect((webhook as { required: string[] }).required).toEqual(expect.arrayContaining(["target", "url"]));
    const refused = await app.request("/api/webhooks", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ url: "http://x" }) });
    expect([400, 401]).toContain(refused.status);
  });

  it("has a readable docs page listing every operation, with no scripts", async () => {
    const { app, doc } = await served();
    const res = await app.request("/api/docs");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await res.text();
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).not.toMatch(/<script/i);
    for (const path of Object.keys(doc.paths)) expect(html, path).toContain(`<code>${path}</code>`);
  });
});
