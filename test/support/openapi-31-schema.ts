// A JSON Schema (2020-12) for OpenAPI 3.1 documents, written for these tests from the OpenAPI Specification 3.1.0
// (https://spec.openapis.org/oas/v3.1.0): the document structure, the fixed fields of every object the spec
// defines, their required fields and value shapes, and `x-` extensions. Schema Objects themselves are checked
// separately, by compiling them as JSON Schema 2020-12.

const extensible = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: "object",
  properties,
  required,
  patternProperties: { "^x-": true },
  unevaluatedProperties: false,
});

const string = { type: "string" };
const boolean = { type: "boolean" };
const orRef = (name: string) => ({ oneOf: [{ $ref: "#/$defs/reference" }, { $ref: `#/$defs/${name}` }] });
const mapOf = (value: unknown) => ({ type: "object", additionalProperties: value });

export const OPENAPI_31_SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://evalhub.test/openapi-3.1-structure.json",
  ...extensible(
    {
      openapi: { type: "string", pattern: "^3\\.1\\.\\d+(-.+)?$" },
      info: { $ref: "#/$defs/info" },
      jsonSchemaDialect: string,
      servers: { type: "array", items: { $ref: "#/$defs/server" } },
      paths: { $ref: "#/$defs/paths" },
      webhooks: mapOf(orRef("pathItem")),
      components: { $ref: "#/$defs/components" },
      security: { type: "array", items: { $ref: "#/$defs/securityRequirement" } },
      tags: { type: "array", items: { $ref: "#/$defs/tag" } },
      externalDocs: { $ref: "#/$defs/externalDocs" },
    },
    ["openapi", "info"],
  ),
  anyOf: [{ required: ["paths"] }, { required: ["components"] }, { required: ["webhooks"] }],
  $defs: {
    reference: { type: "object", properties: { $ref: { type: "string" }, summary: string, description: string }, required: ["$ref"], additionalProperties: false },
    info: extensible(
      {
        title: string, summary: string, description: string, termsOfService: string, version: string,
        contact: extensible({ name: string, url: string, email: string }),
        license: { ...extensible({ name: string, identifier: string, url: string }, ["name"]), not: { required: ["identifier", "url"] } },
      },
      ["title", "version"],
    ),
    server: extensible({ url: string, description: string, variables: mapOf(extensible({ enum: { type: "array", items: string, minItems: 1 }, default: string, description: string }, ["default"])) }, ["url"]),
    externalDocs: extensible({ description: string, url: string }, ["url"]),
    tag: extensible({ name: string, description: string, externalDocs: { $ref: "#/$defs/externalDocs" } }, ["name"]),
    paths: { type: "object", patternProperties: { "^/": { $ref: "#/$defs/pathItem" }, "^x-": true }, additionalProperties: false },
    pathItem: extensible({
      $ref: string, summary: string, description: string,
      ...Object.fromEntries(["get", "put", "post", "delete", "options", "head", "patch", "trace"].map((m) => [m, { $ref: "#/$defs/operation" }])),
      servers: { type: "array", items: { $ref: "#/$defs/server" } },
      parameters: { type: "array", items: orRef("parameter") },
    }),
    operation: extensible({
      tags: { type: "array", items: string }, summary: string, description: string, externalDocs: { $ref: "#/$defs/externalDocs" }, operationId: string,
      parameters: { type: "array", items: orRef("parameter") },
      requestBody: orRef("requestBody"),
      responses: { $ref: "#/$defs/responses" },
      callbacks: mapOf(orRef("callback")),
      deprecated: boolean,
      security: { type: "array", items: { $ref: "#/$defs/securityRequirement" } },
      servers: { type: "array", items: { $ref: "#/$defs/server" } },
    }),
    callback: { type: "object", additionalProperties: orRef("pathItem") },
    parameter: {
      ...extensible(
        {
          name: string, in: { enum: ["query", "header", "path", "cookie"] }, description: string, required: boolean, deprecated: boolean, allowEmptyValue: boolean,
          style: { enum: ["matrix", "label", "form", "simple", "spaceDelimited", "pipeDelimited", "deepObject"] }, explode: boolean, allowReserved: boolean,
          schema: { $ref: "#/$defs/schema" }, example: true, examples: mapOf(orRef("example")), content: { $ref: "#/$defs/content", minProperties: 1, maxProperties: 1 },
        },
        ["name", "in"],
      ),
      oneOf: [{ required: ["schema"] }, { required: ["content"] }],
      if: { properties: { in: { const: "path" } }, required: ["in"] },
      then: { properties: { required: { const: true } }, required: ["required"] },
    },
    requestBody: extensible({ description: string, content: { $ref: "#/$defs/content" }, required: boolean }, ["content"]),
    content: mapOf({ $ref: "#/$defs/mediaType" }),
    mediaType: extensible({ schema: { $ref: "#/$defs/schema" }, example: true, examples: mapOf(orRef("example")), encoding: mapOf(extensible({ contentType: string, headers: mapOf(orRef("header")), style: string, explode: boolean, allowReserved: boolean })) }),
    responses: {
      type: "object",
      properties: { default: orRef("response") },
      patternProperties: { "^[1-5](?:[0-9]{2}|XX)$": orRef("response"), "^x-": true },
      minProperties: 1,
      unevaluatedProperties: false,
    },
    response: extensible({ description: string, headers: mapOf(orRef("header")), content: { $ref: "#/$defs/content" }, links: mapOf(orRef("link")) }, ["description"]),
    header: {
      ...extensible({ description: string, required: boolean, deprecated: boolean, style: { const: "simple" }, explode: boolean, schema: { $ref: "#/$defs/schema" }, example: true, examples: mapOf(orRef("example")), content: { $ref: "#/$defs/content", minProperties: 1, maxProperties: 1 } }),
      oneOf: [{ required: ["schema"] }, { required: ["content"] }],
    },
    example: extensible({ summary: string, description: string, value: true, externalValue: string }),
    link: extensible({ operationRef: string, operationId: string, parameters: mapOf(true), requestBody: true, description: string, server: { $ref: "#/$defs/server" } }),
    schema: { type: ["object", "boolean"] },
    securityRequirement: mapOf({ type: "array", items: string }),
    securityScheme: {
      ...extensible({
        type: { enum: ["apiKey", "http", "mutualTLS", "oauth2", "openIdConnect"] }, description: string, name: string, in: { enum: ["query", "header", "cookie"] },
        scheme: string, bearerFormat: string, flows: { type: "object" }, openIdConnectUrl: string,
      }, ["type"]),
      allOf: [
        { if: { properties: { type: { const: "http" } } }, then: { required: ["scheme"] } },
        { if: { properties: { type: { const: "apiKey" } } }, then: { required: ["name", "in"] } },
        { if: { properties: { type: { const: "oauth2" } } }, then: { required: ["flows"] } },
        { if: { properties: { type: { const: "openIdConnect" } } }, then: { required: ["openIdConnectUrl"] } },
      ],
    },
    components: extensible({
      schemas: mapOf({ $ref: "#/$defs/schema" }),
      responses: mapOf(orRef("response")),
      parameters: mapOf(orRef("parameter")),
      examples: mapOf(orRef("example")),
      requestBodies: mapOf(orRef("requestBody")),
      headers: mapOf(orRef("header")),
      securitySchemes: mapOf(orRef("securityScheme")),
      links: mapOf(orRef("link")),
      callbacks: mapOf(orRef("callback")),
      pathItems: mapOf(orRef("pathItem")),
    }),
  },
} as const;
