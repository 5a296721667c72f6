const BAR_WIDTH = 30;
const TTY_REDRAW_MS = 100;
const LINE_EVERY_MS = 1000;

export interface Progress {
  update(done: number, total: number): void;
  /** Ends the bar's line (on a terminal). */
  finish(): void;
}

/**
 * Progress of a long command on stderr: a bar redrawn in place on a terminal, otherwise a plain
 * `VERB N/M UNIT` line at most once a second (and always the last one), so logs stay readable.
 */
export function progressOnStderr(verb: string, stream: NodeJS.WriteStream = process.stderr, unit = "repositories"): Progress {
  let lastAt = 0;
  let drawn = false;
  const text = (done: number, total: number) => `${verb} ${done}/${total} ${unit}`;
  return {
    update(done, total) {
      const now = Date.now();
      const last = done === total;
      if (!last && now - lastAt < (stream.isTTY ? TTY_REDRAW_MS : LINE_EVERY_MS)) return;
      lastAt = now;
      if (!stream.isTTY) return void stream.write(`${text(done, total)}\n`);
      const filled = total === 0 ? BAR_WIDTH : Math.round((done / total) * BAR_WIDTH);
      stream.write(`\r[${"#".repeat(filled)}${".".repeat(BAR_WIDTH - filled)}] ${text(done, total)}`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write("\n");
      drawn = false;
    },
  };
}
