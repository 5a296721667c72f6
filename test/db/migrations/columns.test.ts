import type { Generated } from "kysely";
import { expect, it } from "vitest";
import { addIdColumn } from "../../../src/db/migrations/columns.ts";
import { describeEachDialect } from "../../support/dialects.ts";

describeEachDialect("addIdColumn", (getDb) => {
  it("numbers new rows 1, 2, 3 and returns the ids as numbers", async () => {
    const { db, dialect } = getDb();
    await addIdColumn(db.schema.createTable("numbered"), dialect).addColumn("label", "text").execute();
    const numbered = db.withTables<{ numbered: { id: Generated<number>; label: string } }>();
    const inserted = [];
    for (const label of ["a", "b", "c"]) {
      inserted.push(await numbered.insertInto("numbered").values({ label }).returning("id").executeTakeFirstOrThrow());
    }
    expect(inserted).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
  });
});
