import { z } from "zod";
import { OPERATIONS, type OperationDoc } from "./operations.ts";

export type OpenApiDocument = Record<string, unknown> & { paths: Record<string, Record<string, Record<string, unknown>>> };

/** `/api/:kind/:ns/:name/tree/*` → `/api/{kind}/{ns}/{name}/tree/{path}`: the route's path as OpenAPI writes it. */
export function openApiPath(honoPath: string): string {
  return honoPath.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, "{$1}").replace(/\/\*$/, "/{path}");
}

const PARAM_DOCS: Record<string, { description: string; schema: Record<string, unknown> }> = {
  kind: { description: "models or datasets", schema: { type: "string", enum: ["models", "datasets"] } },
  ns: { description: "namespace: a user or organisation", schema: { type: "string" } },
  name: { description: "repository name (or, for issuers, the issuer's name)", schema: { type: "string" } },
  num: { description: "discussion or pull request number", schema: { type: "integer", minimum: 1 } },
  commentId: { description: "comment id (24 hex digits)", schema: { type: "string" } },
  id: { description: "webhook subscription id", schema: { type: "integer", minimum: 1 } },
  mns: { description: "the model's namespace", schema: { type: "string" } },
  mname: { description: "the model's name (a trailing .svg is ignored)", schema: { type: "string" } },
  dns: { description: "the benchmark's namespace", schema: { type: "string" } },
  dname: { description: "the benchmark's name (a trailing .svg is ignored)", schema: { type: "string" } },
  task: { description: "a task id of the benchmark (a trailing .svg is ignored)", schema: { type: "string" } },
  path: { description: "the rest of the path: a revision (URL-encoded when it has a slash), then a file path where the route takes one; may contain /", schema: { type: "string" } },
};

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
}

function operationId(op: OperationDoc): string {
  const words = openApiPath(op.path).split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1));
  return `${op.method}${words.join("")}`;
}

function operationObject(op: OperationDoc): Record<string, unknown> {
  const pathParams = [...openApiPath(op.path).matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const parameters: Record<string, unknown>[] = pathParams.map((name) => ({ name, in: "path", required: true, ...(PARAM_DOCS[name] ?? { schema: { type: "string" } }) }));
  if (op.query) {
    const query = jsonSchema(op.query, "input") as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      const { description, ...rest } = schema;
      parameters.push({ name, in: "query", required: query.required?.includes(name) ?? false, ...(typeof description === "string" ? { description } : {}), schema: rest });
    }
  }
  const response = op.response ?? { description: "OK" };
  const status = String(response.status ?? 200);
  const contentType = response.contentType ?? "application/json";
  const content = { [contentType]: { schema: response.schema ? jsonSchema(response.schema, "output") : contentType === "application/json" ? {} : { type: "string" } } };
  return {
    operationId: operationId(op),
    summary: op.summary,
    tags: [op.tag],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(op.body ? {
      requestBody: {
        required: !op.body.description?.includes("may be empty"),
        ...(op.body.description ? { description: op.body.description } : {}),
        content: { [op.body.contentType ?? "application/json"]: { schema: jsonSchema(op.body.schema, "input") } },
      },
    } : {}),
    security: op.auth === "required" ? [{ bearer: [] }] : op.auth === "optional" ? [{}, { bearer: [] }] : [],
    responses: {
      [status]: { description: response.description, content },
      default: { description: "An error: JSON `{error}`, with the machine code in `X-Error-Code`", headers: { "X-Error-Code": { schema: { type: "string" } } }, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
    },
  };
}

/** The OpenAPI 3.1 document of every route, with request schemas generated from the zod schemas the routes validate with. */
export function openApiDocument(serverUrl?: string): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const op of OPERATIONS) {
    const path = openApiPath(op.path);
    paths[path] ??= {};
    paths[path][op.method] = operationObject(op);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "evalhub API",
      version: "1",
      description: "A git-backed hub for evaluation results. Repository routes speak Hugging Face's API shapes; results, trust, feeds and webhooks are evalhub's own.",
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    tags: [...new Set(OPERATIONS.map((op) => op.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { Error: { type: "object", properties: { error: { type: "string" } }, required: ["error"] } },
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "an access token (hf_…)" } },
    },
  };
}
