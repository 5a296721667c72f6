/**
 * On SIGUSR2, writes one line `memory {…}` with `process.memoryUsage()`: where a running server's resident memory
 * is (V8's heap, used and reserved, and memory outside it), asked from outside without a debugger. Returns the
 * function that stops listening.
 */
export function reportMemoryOnSignal(write: (line: string) => void): () => void {
  const report = () => write(`memory ${JSON.stringify(process.memoryUsage())}`);
  process.on("SIGUSR2", report);
  return () => void process.off("SIGUSR2", report);
}
