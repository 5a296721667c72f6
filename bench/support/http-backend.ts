// The baseline of the git scenario: `git http-backend` run directly as CGI behind a tiny node:http wrapper,
// serving every repository below the folder given (argv[2]) with GIT_HTTP_EXPORT_ALL.
import { createServer } from "node:http";
import { spawnGit } from "../../src/git/spawn.ts";

const root = process.argv[2] ?? "";

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  const env: Record<string, string> = {
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: "1",
    REQUEST_METHOD: req.method ?? "GET",
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.slice(1),
    CONTENT_TYPE: req.headers["content-type"] ?? "",
    REMOTE_ADDR: "127.0.0.1",
  };
  if (req.headers["content-length"]) env.CONTENT_LENGTH = req.headers["content-length"];
  if (req.headers["content-encoding"]) env.HTTP_CONTENT_ENCODING = req.headers["content-encoding"];
  const gitProtocol = req.headers["git-protocol"];
  const git = spawnGit(null, ["http-backend"], { env, timeoutMs: 600_000, gitProtocol: typeof gitProtocol === "string" ? gitProtocol : undefined });
  req.pipe(git.stdin);
  let head = Buffer.alloc(0);
  let headersDone = false;
  git.stdout.on("data", (chunk: Buffer) => {
    if (headersDone) {
      res.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf("\r\n\r\n");
    if (end < 0) return;
    headersDone = true;
    let status = 200;
    for (const line of head.subarray(0, end).toString("latin1").split("\r\n")) {
      const colon = line.indexOf(":");
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === "status") status = Number.parseInt(value, 10);
      else res.setHeader(name, value);
    }
    res.writeHead(status);
    res.write(head.subarray(end + 4));
  });
  void git.exited.then(() => {
    if (!headersDone) res.writeHead(500);
    res.end();
  });
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`bench git listening on http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}\n`);
});
process.once("SIGTERM", () => server.close(() => process.exit(0)));
