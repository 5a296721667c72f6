// The baseline of the read scenarios: a bare node:http server answering each path with bytes held in memory.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const bodies = new Map<string, Buffer>(Object.entries(JSON.parse(readFileSync(process.argv[2] ?? "", "utf8")) as Record<string, string>).map(([path, body]) => [path, Buffer.from(body)]));
const server = createServer((req, res) => {
  const body = bodies.get(req.url ?? "");
  if (body === undefined) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "content-type": "application/json", "content-length": body.length }).end(body);
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`bench hub listening on http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}\n`);
});
process.once("SIGTERM", () => server.close(() => process.exit(0)));
