import type { Hono } from "hono";
import { checkReadmeMetadata } from "../../formats/readme-metadata.ts";
import type { AppEnv } from "../env.ts";
import { readJsonBody } from "../json-body.ts";
import { errorResponse } from "../respond.ts";
import { validateYamlBodySchema } from "../schemas/repo-writes.ts";

/**
 * `POST /api/validate-yaml` (§2.15), called by Python before any commit with a README.md. Python
 * reads the JSON before the status, so both answers carry `errors` and `warnings`.
 */
export function registerValidateYaml(app: Hono<AppEnv>): void {
  app.post("/api/validate-yaml", async (c) => {
    const body = await readJsonBody(c, validateYamlBodySchema);
    const { errors, warnings } = checkReadmeMetadata(body.content);
    if (errors.length > 0) {
      const summary = errors.map((e) => e.message).join("; ");
      return errorResponse(c, 400, "InvalidMetadata", `Invalid metadata in README.md: ${summary}`, { errors, warnings });
    }
    return c.json({ errors: [], warnings });
  });
}
