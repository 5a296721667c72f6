import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * Shares a read among its callers without ever answering one with a read sent before it asked (a read already
 * out may predate a write the caller has seen). A caller joins the read that has not been sent yet; that read goes
 * out in the check phase of the event loop's turn, so every request read from the sockets in one turn shares it,
 * or, while another read is out, as soon as that one settles. So one read is out at a time however many callers
 * there are, instead of one per caller queued up behind each other.
 */
export function sharedRead<T>(read: () => Promise<T>): () => Promise<T> {
  let out: Promise<unknown> = Promise.resolve();
  let waiting: Promise<T> | null = null;
  return () => {
    waiting ??= Promise.all([out.catch(() => undefined), nextTurn()]).then(() => {
      const sent = read();
      waiting = null;
      out = sent;
      return sent;
    });
    return waiting;
  };
}
