import { setImmediate as nextTurn } from "node:timers/promises";
import { expect, it } from "vitest";
import { sharedRead } from "../../src/db/shared-read.ts";

/** A read whose answers the test releases by hand; each answer is the number of the read that gave it. */
function manualReads() {
  const sent: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const read = () => new Promise<number>((resolve, reject) => {
    const n = sent.length + 1;
    sent.push({ resolve: () => resolve(n), reject });
  });
  return { sent, read };
}

it("sends one read for the callers of one turn, and one more for everyone who asks while it is out", async () => {
  const { sent, read } = manualReads();
  const shared = sharedRead(read);
  const first = [shared(), shared()];
  expect(sent).toHaveLength(0);
  await nextTurn();
  expect(sent).toHaveLength(1);
  const waiting = [shared(), shared(), shared()];
  await nextTurn();
  // Nothing more is sent while the first read is out: the read it answers may predate these callers.
  expect(sent).toHaveLength(1);
  sent[0]!.resolve();
  expect(await Promise.all(first)).toEqual([1, 1]);
  await nextTurn();
  expect(sent).toHaveLength(2);
  // A caller arriving now, while the second read is out, waits for a third.
  const late = shared();
  sent[1]!.resolve();
  expect(await Promise.all(waiting)).toEqual([2, 2, 2]);
  await nextTurn();
  expect(sent).toHaveLength(3);
  sent[2]!.resolve();
  expect(await late).toBe(3);
});

it("sends the next read when the one out fails, and passes the failure only to that read's callers", async () => {
  const { sent, read } = manualReads();
  const shared = sharedRead(read);
  const first = shared();
  await nextTurn();
  const second = shared();
  sent[0]!.reject(new Error("connection reset"));
  await expect(first).rejects.toThrow("connection reset");
  await nextTurn();
  await nextTurn();
  sent[1]!.resolve();
  expect(await second).toBe(2);
});
