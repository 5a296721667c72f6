import { describe, expect, it } from "vitest";
import { csvCell, csvTable } from "../../src/web/csv.ts";

describe("CSV cells", () => {
  it("quotes text and doubles its quotes", () => {
    expect(csvCell('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
  });

  it("defuses text a spreadsheet would run as a formula", () => {
    for (const formula of ["=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]) {
      expect(csvCell(formula), formula).toBe(`"'${formula.replace(/"/g, '""')}"`);
    }
  });

  it("writes numbers, booleans and missing values plainly", () => {
    expect(csvCell(-0.5)).toBe("-0.5");
    expect(csvCell(true)).toBe("true");
    expect(csvCell(null)).toBe("");
    expect(csvTable(["a", "b"], [[1, "x"]])).toBe('"a","b"\r\n1,"x"\r\n');
  });
});
