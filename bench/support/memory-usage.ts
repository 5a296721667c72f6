// A running server's own `process.memoryUsage()`, asked for with SIGUSR2 (src/memory-report.ts).

export interface MemoryUsage {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

/** A server process whose output is kept: a bench child server or a test's hub process. */
export interface ReportingProcess {
  pid: number;
  output(): string;
}

/** Sends SIGUSR2 and reads the `memory {…}` line it prints; null if none comes within 5 s. */
export async function memoryUsageOf(server: ReportingProcess): Promise<MemoryUsage | null> {
  const before = server.output().length;
  process.kill(server.pid, "SIGUSR2");
  for (let i = 0; i < 50; i++) {
    const line = /memory (\{.*\})\n/.exec(server.output().slice(before))?.[1];
    if (line) return JSON.parse(line) as MemoryUsage;
    await new Promise((r) => setTimeout(r, 100));
  }
  return null;
}
