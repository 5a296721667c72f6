import { beforeAll, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { describeEachDialectWithHub } from "../support/hub-process.ts";
import { call, createRepoAs, deletedFileLine, fileLine, headerLine, ndjson, postCommit, refOf, refSnapshot } from "../support/write-api.ts";

const ID = "alice/limits";

describeEachDialectWithHub("commit rules and limits: every breach is a 4xx and writes nothing", (getHub) => {
  let alice = "";
  let limits = { maxFileBytes: 0, maxFilesPerCommit: 0 };
  beforeAll(async () => {
    const hub = getHub();
    limits = loadConfig(hub.env).limits;
    alice = await hub.createUser("alice");
    await createRepoAs(hub, alice, ID);
  });

  /** Sends the body and checks the refusal, and that no ref of the repository moved. */
  async function refused(body: string | Uint8Array, status: number, code: string | null, message: RegExp | string, options: { rev?: string; createPr?: boolean } = {}) {
    const hub = getHub();
    const before = await refSnapshot(hub, ID);
    const res = await postCommit(hub, alice, ID, body, options);
    const text = await res.text();
    expect(res.status, text).toBe(status);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    if (code !== null) expect(res.headers.get("x-error-code")).toBe(code);
    const error = (JSON.parse(text) as { error: string }).error;
    if (typeof message === "string") expect(error).toContain(message);
    else expect(error).toMatch(message);
    expect(await refSnapshot(hub, ID)).toEqual(before);
  }

  it.each([
    ["../escape.txt", "'..' segment"],
    ["a/../../etc/passwd", "'..' segment"],
    ["..", "'..' segment"],
    ["/absolute.txt", "starts with '/'"],
    ["dir\\file.txt", "backslash"],
    ["..\\ddd", "backslash"],
    [".git/config", ".git/"],
    ["sub/.git/hooks/pre-receive", ".git/"],
    [".GIT/config", ".git/"],
    ["a\u0000b", "NUL or control character"],
    ["line\nbreak", "NUL or control character"],
    ["tab\there", "NUL or control character"],
    ["", "empty"],
    ["x".repeat(1025), "longer than 1024 bytes"],
    ["é".repeat(513), "longer than 1024 bytes"],
    ["a//b", "empty segment"],
    ["dir/", "'/'"],
    ["./a", "'.'"],
    ["bad\ud800surrogate", "not valid UTF-8"],
  ])("refuses the path %j with a 422 naming it and the rule (%s)", async (path, rule) => {
    await refused(ndjson(headerLine("bad path"), fileLine("fine.txt", "ok"), fileLine(path, "x")), 422, "InvalidPath", rule);
    const error = await (await postCommit(getHub(), alice, ID, ndjson(headerLine("bad path"), deletedFileLine(path)))).json() as { error: string };
    expect(error.error).toContain(JSON.stringify(path));
  });

  it("accepts the longest path allowed", async () => {
    const path = `${"d".repeat(200)}/${"e".repeat(200)}/${"f".repeat(200)}/${"g".repeat(200)}/${"h".repeat(199)}`;
    expect(Buffer.byteLength(path)).toBe(1003);
    const res = await postCommit(getHub(), alice, ID, ndjson(headerLine("long path"), fileLine(path, "ok")));
    expect(res.status).toBe(200);
  });

  it("refuses a file one byte over the limit with 413, and takes one exactly at it", async () => {
    await refused(ndjson(headerLine("too big"), fileLine("big.bin", Buffer.alloc(limits.maxFileBytes + 1, 7))), 413, "FileTooLarge", /file "big\.bin" has \d+ bytes, over the limit/);
    const utf8 = { key: "file", value: { path: "big.txt", content: "a".repeat(limits.maxFileBytes + 1), encoding: "utf-8" } };
    await refused(ndjson(headerLine("too big"), utf8), 413, "FileTooLarge", '"big.txt"');
    const res = await postCommit(getHub(), alice, ID, ndjson(headerLine("at the limit"), fileLine("exact.bin", Buffer.alloc(limits.maxFileBytes, 7))));
    expect(res.status).toBe(200);
  });

  it("names the file of a line too long to hold in memory", async () => {
    await refused(ndjson(headerLine("huge"), fileLine("huge.bin", Buffer.alloc(Math.ceil(limits.maxFileBytes * 1.2), 1))), 413, "FileTooLarge", '"huge.bin"');
  });

  it("refuses more operations than a commit may hold, and takes exactly that many", async () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => fileLine(`many/${i}.txt`, String(i)));
    await refused(ndjson(headerLine("too many"), ...lines(limits.maxFilesPerCommit + 1)), 400, "TooManyFiles", `at most ${limits.maxFilesPerCommit}`);
    const res = await postCommit(getHub(), alice, ID, ndjson(headerLine("just enough"), ...lines(limits.maxFilesPerCommit)));
    expect(res.status).toBe(200);
  });

  it.each([
    ["a line that is not JSON", `${JSON.stringify(headerLine("x"))}\n{"key":"file",`, "line 2: not a JSON object"],
    ["an unknown line key", ndjson(headerLine("x"), { key: "renameFile", value: { path: "a" } }), 'unknown line key "renameFile"'],
    ["an unknown field at the top of a line", ndjson(headerLine("x"), { key: "file", value: { path: "a", content: "", encoding: "base64" }, extra: 1 }), "line 2"],
    ["an unknown field in a file", ndjson(headerLine("x"), { key: "file", value: { path: "a", content: "", encoding: "base64", mode: "100755" } }), 'line 2: in the "file" value'],
    ["an unknown field in the header", ndjson({ key: "header", value: { summary: "x", author: "eve" } }), 'line 1: in the "header" value'],
    ["an unknown encoding", ndjson(headerLine("x"), { key: "file", value: { path: "a", content: "", encoding: "latin1" } }), "line 2"],
    ["a file without content", ndjson(headerLine("x"), { key: "file", value: { path: "a", encoding: "base64" } }), "line 2"],
    ["no header", ndjson(fileLine("a.txt", "a")), "the first line must be the header"],
    ["the header after a file", ndjson(fileLine("a.txt", "a"), headerLine("late")), "the first line must be the header"],
    ["two headers", ndjson(headerLine("one"), headerLine("two")), "only one header"],
    ["an empty body", "", "the commit body is empty"],
    ["an empty summary", ndjson(headerLine("  ")), "summary must not be empty"],
    ["a short parentCommit", ndjson(headerLine("x", { parentCommit: "abc123" })), "parentCommit must be a full 40-character commit id"],
    ["a JSON array line", ndjson(headerLine("x"), [1, 2]), "line 2"],
  ])("refuses malformed NDJSON: %s", async (_what, body, message) => {
    await refused(body, 400, null, message);
  });

  it("refuses a line that is not UTF-8", async () => {
    const body = Buffer.concat([Buffer.from(`${JSON.stringify(headerLine("x"))}\n{"key":"file","value":{"path":"`), Buffer.from([0xff, 0xfe]), Buffer.from('","content":""}}')]);
    await refused(body, 400, null, "line 2 of the body is not valid UTF-8");
  });

  it.each([
    ["a length that is not a multiple of 4", "abc"],
    ["a character outside the alphabet", "ab!d"],
    ["padding in the middle", "ab=dabcd"],
    ["three padding characters", "a==="],
    ["URL-safe characters", "ab-_"],
  ])("refuses base64 with %s", async (_what, content) => {
    await refused(ndjson(headerLine("x"), { key: "file", value: { path: "b64.bin", content, encoding: "base64" } }), 400, "InvalidContent", 'file "b64.bin": the content is not valid base64');
  });

  it("accepts base64 broken over lines, as some encoders write it", async () => {
    const res = await postCommit(getHub(), alice, ID, ndjson(headerLine("wrapped"), { key: "file", value: { path: "wrapped.txt", content: "aGVs\nbG8g\r\nd29y bGQ=", encoding: "base64" } }));
    expect(res.status).toBe(200);
  });

  it("refuses lfsFile lines, saying LFS is not supported", async () => {
    const lfs = { key: "lfsFile", value: { path: "weights.bin", algo: "sha256", oid: "a".repeat(64), size: 4096 } };
    await refused(ndjson(headerLine("lfs"), lfs), 400, "LfsNotSupported", `LFS is not supported; files are stored in git (limit ${limits.maxFileBytes} bytes)`);
  });

  it("answers 412 with HF's message for a stale parentCommit", async () => {
    const hub = getHub();
    const stale = await refOf(hub, ID);
    expect((await postCommit(hub, alice, ID, ndjson(headerLine("move"), fileLine("moved.txt", "m")))).status).toBe(200);
    await refused(ndjson(headerLine("late", { parentCommit: stale }), fileLine("late.txt", "l")), 412, null, "The branch was updated since you opened this page. Please refresh and try again.");
  });

  it("answers 404 EntryNotFound when deleting a path that does not exist", async () => {
    await refused(ndjson(headerLine("delete"), fileLine("new.txt", "n"), deletedFileLine("never-was.txt")), 404, "EntryNotFound", "A file with this name doesn't exist");
    await refused(ndjson(headerLine("delete"), { key: "deletedFolder", value: { path: "no-such-dir/" } }), 404, "EntryNotFound", "no-such-dir");
  });

  it("deletes only files with deletedFile and only folders with deletedFolder", async () => {
    const hub = getHub();
    expect((await postCommit(hub, alice, ID, ndjson(headerLine("seed"), fileLine("dir/a.txt", "a"), fileLine("plain.txt", "p")))).status).toBe(200);
    await refused(ndjson(headerLine("delete"), deletedFileLine("dir")), 404, "EntryNotFound", `A file with this name doesn't exist: "dir"`);
    await refused(ndjson(headerLine("delete"), { key: "deletedFolder", value: { path: "plain.txt" } }), 404, "EntryNotFound", `A folder with this name doesn't exist: "plain.txt"`);
    await refused(ndjson(headerLine("delete"), deletedFileLine("plain.txt"), deletedFileLine("plain.txt")), 404, "EntryNotFound", "plain.txt");
    const addThenDelete = await postCommit(hub, alice, ID, ndjson(headerLine("add then delete"), fileLine("fresh/x.txt", "x"), deletedFileLine("fresh/x.txt"), deletedFileLine("plain.txt")));
    expect(addThenDelete.status).toBe(200);
  });

  it("opens no pull request when its commit is refused", async () => {
    const hub = getHub();
    await refused(ndjson(headerLine("pr"), deletedFileLine("never-was.txt")), 404, "EntryNotFound", "A file with this name doesn't exist", { createPr: true });
    const ok = await postCommit(hub, alice, ID, ndjson(headerLine("pr"), fileLine("pr.txt", "p")), { createPr: true });
    expect(((await ok.json()) as { pullRequestUrl: string }).pullRequestUrl).toMatch(/\/discussions\/1$/);
  });

  it("checks paths and sizes at preupload already", async () => {
    const hub = getHub();
    const preupload = (files: unknown[]) => call(hub, "POST", `/api/models/${ID}/preupload/main`, { token: alice, json: { files } });
    const badPath = await preupload([{ path: "../x", size: 1, sample: "" }]);
    expect(badPath.status).toBe(422);
    expect(((await badPath.json()) as { error: string }).error).toContain('"../x"');
    const big = await preupload([{ path: "big.bin", size: limits.maxFileBytes + 1, sample: "" }]);
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: string }).error).toContain('"big.bin"');
    expect((await preupload([{ path: "ok.bin", size: limits.maxFileBytes, sample: "" }])).status).toBe(200);
  });
});
