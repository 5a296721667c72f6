// Reads PostgreSQL's read version for the server's main thread (src/db/threaded-version-reader.ts). Every request
// asks for the version; a query costs the thread that makes it about 0.2 ms of CPU (the protocol, the socket write
// and the kernel's loopback work, measured on the machine of docs/reliability.md), which on the main thread is
// time no request is served. Here the main thread only posts a message. Plain JavaScript, so it starts without a
// TypeScript loader.
import { parentPort, workerData } from "node:worker_threads";
import pg from "pg";

const SQL = "select version from read_version where id = 1";
let client = null;
let connecting = null;

function connected() {
  if (client !== null) return Promise.resolve(client);
  connecting ??= (async () => {
    const next = new pg.Client({ connectionString: workerData.connectionString });
    // A dropped connection is opened again on the next read.
    next.on("error", () => {
      if (client === next) client = null;
    });
    try {
      await next.connect();
      client = next;
      return next;
    } finally {
      connecting = null;
    }
  })();
  return connecting;
}

parentPort.on("message", async (message) => {
  if (message.close) {
    await client?.end().catch(() => undefined);
    parentPort.close();
    return;
  }
  try {
    const { rows } = await (await connected()).query(SQL);
    parentPort.postMessage({ id: message.id, version: rows[0] === undefined ? null : Number(rows[0].version) });
  } catch {
    // The main thread asks through its pool instead.
    const failed = client;
    client = null;
    failed?.end().catch(() => undefined);
    parentPort.postMessage({ id: message.id, version: null });
  }
});
