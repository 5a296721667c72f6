import type { ExpressionBuilder } from "kysely";
import type { Database } from "../schema.ts";

/** `results as r` rows that no author has hidden (a hide names the entry's ref, file and content). */
export function notHidden<DB extends Database>(eb: ExpressionBuilder<DB & { r: Database["results"] }, "r">) {
  const e = eb as unknown as ExpressionBuilder<Database & { r: Database["results"] }, "r">;
  return e.not(
    e.exists(
      e.selectFrom("hidden_entries as h").select("h.repo_id")
        .whereRef("h.repo_id", "=", "r.repo_id").whereRef("h.ref", "=", "r.ref")
        .whereRef("h.file_path", "=", "r.file_path").whereRef("h.content_hash", "=", "r.content_hash"),
    ),
  );
}
