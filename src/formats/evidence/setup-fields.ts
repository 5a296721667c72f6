import { z } from "zod";
import { setupSchema } from "./extensions-schema.ts";

export type SetupFieldType = "boolean" | "integer" | "number" | "string";

export interface SetupFilter {
  /** Dotted path inside `setup`, e.g. `tools`, `harness.name`. */
  field: string;
  value: boolean | number | string;
}

/** Every setup field by dotted path, with its JSON type, read off the schema itself. */
export const SETUP_FIELDS: ReadonlyMap<string, SetupFieldType> = (() => {
  const out = new Map<string, SetupFieldType>();
  const walk = (schema: Record<string, unknown>, prefix: string) => {
    for (const [key, property] of Object.entries((schema["properties"] ?? {}) as Record<string, Record<string, unknown>>)) {
      if (property["type"] === "object") walk(property, `${prefix}${key}.`);
      else out.set(`${prefix}${key}`, property["type"] as SetupFieldType);
    }
  };
  walk(z.toJSONSchema(setupSchema, { io: "input" }) as Record<string, unknown>, "");
  return out;
})();

/** A filter from a query parameter `setup.<field>=<value>`, its value read as the field's type; a message when it cannot be. */
export function parseSetupFilter(field: string, raw: string): SetupFilter | string {
  const type = SETUP_FIELDS.get(field);
  if (type === undefined) return `setup.${field} is not a setup field; they are ${[...SETUP_FIELDS.keys()].map((f) => `setup.${f}`).join(", ")}`;
  const text = raw.trim();
  if (type === "boolean") {
    if (/^(true|1|yes)$/i.test(text)) return { field, value: true };
    if (/^(false|0|no)$/i.test(text)) return { field, value: false };
    return `setup.${field} must be true or false, got "${text.slice(0, 40)}"`;
  }
  if (type === "integer" || type === "number") {
    const value = Number(text);
    const ok = text !== "" && Number.isFinite(value) && (type === "number" || Number.isSafeInteger(value));
    return ok ? { field, value } : `setup.${field} must be ${type === "integer" ? "an integer" : "a number"}, got "${text.slice(0, 40)}"`;
  }
  return text === "" ? `setup.${field} must not be empty` : { field, value: text };
}

/** Whether a setup has every filtered field with the filtered value (text without case). A missing field does not match. */
export function setupMatches(setup: unknown, filters: readonly SetupFilter[]): boolean {
  return filters.every((filter) => {
    const actual = filter.field.split(".").reduce<unknown>((obj, key) => (obj !== null && typeof obj === "object" ? (obj as Record<string, unknown>)[key] : undefined), setup);
    if (typeof filter.value === "string") return typeof actual === "string" && actual.trim().toLowerCase() === filter.value.toLowerCase();
    return actual === filter.value;
  });
}
