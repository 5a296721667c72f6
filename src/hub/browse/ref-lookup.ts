import { listRefs } from "../../git/refs.ts";

/**
 * Whether a revision names a ref (full name, or a branch or tag by its short name), answered from
 * one listing of the refs made on first use: splitting a raw `<rev>/<path>` may ask several times.
 */
export function refNameLookup(gitDir: string): (rev: string) => Promise<boolean> {
  let names: Promise<Set<string>> | undefined;
  return async (rev) => {
    names ??= listRefs(gitDir).then((refs) => {
      const set = new Set<string>();
      for (const ref of refs) {
        set.add(ref.name);
        if (ref.kind === "branch" || ref.kind === "tag") set.add(ref.shortName);
      }
      return set;
    });
    return (await names).has(rev);
  };
}
