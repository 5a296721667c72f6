import { addIdColumn } from "./columns.ts";
import type { DialectMigration } from "./migration.ts";

/**
 * The results index. `benchmarks`, `index_refs`, `results` and `model_meta` are derived from git (rebuildable at
 * any time); `benchmark_flags` and `moderation` are hub state; `result_history` is the log of what the index showed.
 */
export const results: DialectMigration = {
  async up(db, dialect) {
    await db.schema
      .createTable("benchmarks")
      .addColumn("repo_id", "bigint", (c) => c.primaryKey().references("repos.id").onDelete("cascade"))
      .addColumn("dataset_key", "text", (c) => c.notNull().unique())
      .addColumn("main_commit", "text", (c) => c.notNull())
      .addColumn("valid", "integer", (c) => c.notNull())
      .addColumn("problems", "text", (c) => c.notNull())
      .addColumn("definition", "text")
      .addColumn("definition_commit", "text")
      .execute();

    await db.schema
      .createTable("benchmark_flags")
      .addColumn("repo_id", "bigint", (c) => c.primaryKey().references("repos.id").onDelete("cascade"))
      .addColumn("official", "integer", (c) => c.notNull())
      .addColumn("set_by", "bigint", (c) => c.references("accounts.id").onDelete("set null"))
      .addColumn("set_at", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("index_refs")
      .addColumn("repo_id", "bigint", (c) => c.notNull().references("repos.id").onDelete("cascade"))
      .addColumn("ref", "text", (c) => c.notNull())
      .addColumn("commit", "text", (c) => c.notNull())
      .addColumn("indexed_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("index_refs_pk", ["repo_id", "ref"])
      .execute();

    await addIdColumn(db.schema.createTable("results"), dialect)
      .addColumn("repo_id", "bigint", (c) => c.notNull().references("repos.id").onDelete("cascade"))
      .addColumn("ref", "text", (c) => c.notNull())
      .addColumn("pr_num", "integer")
      .addColumn("commit", "text", (c) => c.notNull())
      .addColumn("file_path", "text", (c) => c.notNull())
      .addColumn("entry_index", "integer", (c) => c.notNull())
      .addColumn("line", "integer", (c) => c.notNull())
      .addColumn("content_hash", "text", (c) => c.notNull())
      .addColumn("dataset_id", "text")
      .addColumn("dataset_key", "text")
      .addColumn("task_id", "text")
      .addColumn("value", "double precision")
      .addColumn("date", "text", (c) => c.notNull())
      .addColumn("date_from_entry", "integer", (c) => c.notNull())
      .addColumn("source_url", "text")
      .addColumn("notes", "text")
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("reasons", "text", (c) => c.notNull())
      .addColumn("suggestions", "text", (c) => c.notNull())
      .addColumn("verified", "integer", (c) => c.notNull())
      .addColumn("verify_reason", "text")
      .addColumn("raw", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("results_board").on("results").columns(["dataset_key", "task_id", "status"]).execute();
    await db.schema.createIndex("results_repo_ref").on("results").columns(["repo_id", "ref"]).execute();

    await db.schema
      .createTable("model_meta")
      .addColumn("repo_id", "bigint", (c) => c.primaryKey().references("repos.id").onDelete("cascade"))
      .addColumn("commit", "text", (c) => c.notNull())
      .addColumn("num_parameters", "bigint")
      .addColumn("params_source", "text")
      .addColumn("base_model", "text")
      .execute();

    await addIdColumn(db.schema.createTable("result_history"), dialect)
      .addColumn("identity", "text", (c) => c.notNull())
      .addColumn("repo_id", "bigint", (c) => c.notNull())
      .addColumn("ref", "text", (c) => c.notNull())
      .addColumn("dataset_key", "text", (c) => c.notNull())
      .addColumn("task_id", "text", (c) => c.notNull())
      .addColumn("change", "text", (c) => c.notNull())
      .addColumn("value", "double precision")
      .addColumn("previous_value", "double precision")
      .addColumn("commit", "text", (c) => c.notNull())
      .addColumn("at", "text", (c) => c.notNull())
      .addColumn("snapshot", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("result_history_board").on("result_history").columns(["dataset_key", "task_id", "at"]).execute();
    await db.schema.createIndex("result_history_repo").on("result_history").columns(["repo_id", "at"]).execute();

    await addIdColumn(db.schema.createTable("moderation"), dialect)
      .addColumn("repo_id", "bigint", (c) => c.notNull().references("repos.id").onDelete("cascade"))
      .addColumn("ref", "text", (c) => c.notNull())
      .addColumn("file_path", "text", (c) => c.notNull())
      .addColumn("content_hash", "text", (c) => c.notNull())
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("reason", "text", (c) => c.notNull())
      .addColumn("actor_id", "bigint", (c) => c.references("accounts.id").onDelete("set null"))
      .addColumn("dataset_key", "text")
      .addColumn("task_id", "text")
      .addColumn("value", "double precision")
      .addColumn("at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("hidden_entries")
      .addColumn("repo_id", "bigint", (c) => c.notNull().references("repos.id").onDelete("cascade"))
      .addColumn("ref", "text", (c) => c.notNull())
      .addColumn("file_path", "text", (c) => c.notNull())
      .addColumn("content_hash", "text", (c) => c.notNull())
      .addColumn("moderation_id", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("hidden_entries_pk", ["repo_id", "ref", "file_path", "content_hash"])
      .execute();
    await db.schema.createIndex("moderation_entry").on("moderation").columns(["repo_id", "ref", "file_path", "content_hash"]).execute();
    await db.schema.createIndex("moderation_board").on("moderation").columns(["dataset_key"]).execute();
  },
  async down(db) {
    for (const table of ["hidden_entries", "moderation", "result_history", "model_meta", "results", "index_refs", "benchmark_flags", "benchmarks"]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
