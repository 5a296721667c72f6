import type { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { openApiDocument } from "../openapi/document.ts";
import { DocsPage } from "../openapi/docs-page.tsx";
import { baseUrl } from "../respond.ts";

/** The API's contract: the OpenAPI 3.1 document and a readable page made from it. */
export function registerOpenApi(app: Hono<AppEnv>): void {
  app.get("/api/openapi.json", (c) => {
    c.header("Cache-Control", "public, max-age=300");
    return c.json(openApiDocument(baseUrl(c)));
  });

  app.get("/api/docs", (c) => {
    c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    c.header("X-Content-Type-Options", "nosniff");
    return c.html(`<!DOCTYPE html>${String(<DocsPage doc={openApiDocument(baseUrl(c))} />)}`);
  });
}
