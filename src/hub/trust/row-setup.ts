/** The `setup` of an entry as written (a row's `raw` JSON), or null. */
export function setupOfRaw(raw: string): Record<string, unknown> | null {
  try {
    const setup = (JSON.parse(raw) as { setup?: unknown } | null)?.setup;
    return setup !== null && typeof setup === "object" && !Array.isArray(setup) ? (setup as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
