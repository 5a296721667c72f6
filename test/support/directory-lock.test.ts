import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withDirectoryLock } from "./directory-lock.ts";

describe("withDirectoryLock", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "evalhub-lock-test-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("lets one task in at a time", async () => {
    const events: string[] = [];
    const task = (name: string) => async () => {
      events.push(`${name} in`);
      await sleep(50);
      events.push(`${name} out`);
    };
    await Promise.all([withDirectoryLock(join(dir, "lock"), task("a")), withDirectoryLock(join(dir, "lock"), task("b"))]);
    expect(events).toHaveLength(4);
    expect(events[1]).toBe(`${events[0]!.split(" ")[0]} out`);
  });

  it("takes over a lock whose owner process is gone", async () => {
    const lock = join(dir, "lock");
    await mkdir(lock);
    await writeFile(join(lock, "pid"), "2147483646");
    await expect(withDirectoryLock(lock, () => Promise.resolve("ran"), 5_000)).resolves.toBe("ran");
  });

  it("waits for a lock held by a live process", async () => {
    const lock = join(dir, "lock");
    await mkdir(lock);
    await writeFile(join(lock, "pid"), String(process.pid));
    await expect(withDirectoryLock(lock, () => Promise.resolve("ran"), 500)).rejects.toThrow(/timed out/);
  });
});
