import type { Kysely } from "kysely";
import { countExportableResults, hiddenKeysAt, historyPage, resultsPage, type HistoryExportRow } from "../../db/queries/export-pages.ts";
import type { Database } from "../../db/schema.ts";
import { recordOfEvent, recordOfRow, type ExportRecord } from "./export-record.ts";

const PAGE = 1000;

/** Every result of public models now, page by page from the database: memory holds one page. */
export async function* currentRecords(db: Kysely<Database>): AsyncGenerator<ExportRecord> {
  for (let after = 0; ;) {
    const page = await resultsPage(db, after, PAGE);
    for (const row of page) yield recordOfRow(row);
    if (page.length < PAGE) return;
    after = page[page.length - 1]!.id;
  }
}

/**
 * Every classifiable result of public models as it stood at `asOf`, from the score history: events come ordered by
 * score, and the last one of each score at or before then is its state (none when it was a removal). Entries that
 * named no benchmark and task have no history, so a past snapshot leaves them out.
 */
export async function* pastRecords(db: Kysely<Database>, asOf: string): AsyncGenerator<ExportRecord> {
  const hiddenThen = await hiddenKeysAt(db, asOf);
  let pending: HistoryExportRow | null = null;
  for (let after: { identity: string; id: number } | null = null; ;) {
    const page = await historyPage(db, asOf, after, PAGE);
    for (const event of page) {
      if (pending !== null && pending.identity !== event.identity) {
        const record = recordOfEvent(pending, hiddenThen);
        if (record) yield record;
      }
      pending = event;
    }
    if (page.length < PAGE) break;
    const last = page[page.length - 1]!;
    after = { identity: last.identity, id: last.id };
  }
  const record = pending && recordOfEvent(pending, hiddenThen);
  if (record) yield record;
}

/** How many records `currentRecords` yields, for progress; a past snapshot's count is not known ahead. */
export const countCurrentRecords = countExportableResults;
