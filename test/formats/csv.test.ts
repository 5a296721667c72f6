import { describe, expect, it } from "vitest";
import { csvLine } from "../../src/formats/csv.ts";

describe("csvLine", () => {
  it("quotes fields with commas, quotes and line breaks, and leaves others alone", () => {
    expect(csvLine(["a", 'say "hi"', "x,y", "two\nlines", 1.5, true, null, undefined])).toBe('a,"say ""hi""","x,y","two\nlines",1.5,true,,\r\n');
  });

  it("defuses cells a spreadsheet would run as a formula, but not negative numbers", () => {
    expect(csvLine(["=SUM(A1)", "@cmd", "+x", "-0.5", -2])).toBe("'=SUM(A1),'@cmd,'+x,-0.5,-2\r\n");
  });
});
