import { setupSchema, type Setup } from "../../formats/evidence/extensions-schema.ts";

/** The `setup` of an entry as written (a row's `raw` JSON), its known fields only; null when it has none. */
export function setupOfRaw(raw: string): Setup | null {
  try {
    const setup = (JSON.parse(raw) as { setup?: unknown } | null)?.setup;
    return setup === undefined ? null : (setupSchema.safeParse(setup).data ?? null);
  } catch {
    return null;
  }
}
