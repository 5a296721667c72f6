import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { cli, cliOk, tempDir, type CliResult } from "../git/fixtures.ts";
import { describeEachDialectWithHub } from "../support/hub-process.ts";
import { details, openDiscussion, postTo } from "../support/discussions.ts";
import { createRepoAs, refOf, refSnapshot } from "../support/write-api.ts";

describeEachDialectWithHub("pushing to pull requests over git", (getHub) => {
  const tokens = { alice: "", bob: "", carol: "", bobRead: "" };
  const repo = "alice/pushes";

  beforeAll(async () => {
    const hub = getHub();
    tokens.alice = await hub.createUser("alice");
    tokens.bob = await hub.createUser("bob");
    tokens.carol = await hub.createUser("carol");
    tokens.bobRead = (await hub.cli(["user", "token", "bob", "--role", "read"])).trim();
    await createRepoAs(hub, tokens.alice, repo);
  });

  const remote = (token: string) => {
    const url = new URL(`${getHub().url}/${repo}`);
    url.username = "git";
    url.password = token;
    return url.toString();
  };
  const git = (cwd: string, args: string[]): Promise<CliResult> => cli(cwd, ["-c", "credential.helper=", ...args]);
  const gitOk = (cwd: string, args: string[]): Promise<string> => cliOk(cwd, ["-c", "credential.helper=", ...args]);

  /** A clone with `refs/pr/N` checked out and one new commit on top; returns the work tree and the commit. */
  async function workOn(num: number, file: string): Promise<{ work: string; commit: string }> {
    const dir = await tempDir();
    await gitOk(dir, ["clone", "--quiet", remote(tokens.alice), "work"]);
    const work = join(dir, "work");
    await gitOk(work, ["fetch", "--quiet", "origin", `refs/pr/${num}:pr`]);
    await gitOk(work, ["checkout", "--quiet", "pr"]);
    await writeFile(join(work, file), `${file}\n`);
    await gitOk(work, ["add", file]);
    await gitOk(work, ["commit", "--quiet", "-m", `Add ${file}`]);
    return { work, commit: (await gitOk(work, ["rev-parse", "HEAD"])).trim() };
  }

  async function push(work: string, token: string, refspec: string): Promise<CliResult> {
    return git(work, ["push", remote(token), refspec]);
  }

  async function expectRefused(work: string, token: string, refspec: string, message: RegExp): Promise<void> {
    const before = await refSnapshot(getHub(), repo);
    const result = await push(work, token, refspec);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(await refSnapshot(getHub(), repo)).toEqual(before);
  }

  it("lets the author push to their pull request, recording each commit and opening the draft", async () => {
    const hub = getHub();
    const num = await openDiscussion(hub, tokens.bob, repo, { title: "Add results", pullRequest: true });
    const { work, commit: first } = await workOn(num, "one.yaml");
    await writeFile(join(work, "two.yaml"), "two\n");
    await gitOk(work, ["add", "two.yaml"]);
    await gitOk(work, ["commit", "--quiet", "-m", "Add two.yaml"]);
    const second = (await gitOk(work, ["rev-parse", "HEAD"])).trim();
    const result = await push(work, tokens.bob, `HEAD:refs/pr/${num}`);
    expect(result.code, result.stderr).toBe(0);
    expect(await refOf(hub, repo, `refs/pr/${num}`)).toBe(second);
    const pr = await details(hub, undefined, repo, num);
    expect(pr.status).toBe("open");
    expect(pr.events.map((e) => [e.type, e.author?.name, e.data.oid, e.data.subject])).toEqual([
      ["commit", "bob", first, "Add one.yaml"],
      ["commit", "bob", second, "Add two.yaml"],
    ]);
    expect(pr.changes?.files.map((f) => f.path)).toEqual(["one.yaml", "two.yaml"]);
  });

  it("lets a writer push to someone else's pull request", async () => {
    const num = await openDiscussion(getHub(), tokens.bob, repo, { title: "Help wanted", pullRequest: true });
    const { work, commit } = await workOn(num, "help.yaml");
    const result = await push(work, tokens.alice, `HEAD:refs/pr/${num}`);
    expect(result.code, result.stderr).toBe(0);
    expect((await details(getHub(), undefined, repo, num)).events.at(-1)).toMatchObject({ type: "commit", author: { name: "alice" }, data: { oid: commit } });
  });

  it("refuses a stranger and a read token with a message git shows, and moves nothing", async () => {
    const num = await openDiscussion(getHub(), tokens.bob, repo, { title: "Mine", pullRequest: true });
    const { work } = await workOn(num, "intruder.yaml");
    await expectRefused(work, tokens.carol, `HEAD:refs/pr/${num}`, /remote rejected\].*only its author or writers of alice\/pushes may push to this pull request/);
    await expectRefused(work, tokens.bobRead, `HEAD:refs/pr/${num}`, /this token is read-only/);
    expect((await details(getHub(), undefined, repo, num)).events).toEqual([]);
  });

  it("refuses pushes once the pull request is closed or merged, and again after reopening it takes them", async () => {
    const hub = getHub();
    const num = await openDiscussion(hub, tokens.bob, repo, { title: "Lifecycle", pullRequest: true });
    const { work } = await workOn(num, "life.yaml");
    expect((await postTo(hub, tokens.bob, repo, num, "status", { status: "closed" })).status).toBe(200);
    await expectRefused(work, tokens.bob, `HEAD:refs/pr/${num}`, new RegExp(`pull request #${num} is closed; reopen it to add commits`));
    expect((await postTo(hub, tokens.bob, repo, num, "status", { status: "open" })).status).toBe(200);
    expect((await push(work, tokens.bob, `HEAD:refs/pr/${num}`)).code).toBe(0);
    expect((await postTo(hub, tokens.alice, repo, num, "merge")).status).toBe(200);
    await writeFile(join(work, "late.yaml"), "late\n");
    await gitOk(work, ["add", "late.yaml"]);
    await gitOk(work, ["commit", "--quiet", "-m", "Too late"]);
    await expectRefused(work, tokens.bob, `HEAD:refs/pr/${num}`, new RegExp(`pull request #${num} is merged; it takes no more commits`));
    await expectRefused(work, tokens.alice, `HEAD:refs/pr/${num}`, /is merged/);
  });

  it("refuses deleting refs/pr/N, pushing to a discussion's number or to a number with nothing behind it", async () => {
    const hub = getHub();
    const pr = await openDiscussion(hub, tokens.bob, repo, { title: "Keep me", pullRequest: true });
    const talk = await openDiscussion(hub, tokens.bob, repo, { title: "Just talk" });
    const { work } = await workOn(pr, "x.yaml");
    await expectRefused(work, tokens.alice, `:refs/pr/${pr}`, new RegExp(`refs/pr/${pr} cannot be deleted; close pull request #${pr} instead`));
    await expectRefused(work, tokens.alice, `HEAD:refs/pr/${talk}`, new RegExp(`#${talk} of alice/pushes is a discussion, not a pull request`));
    await expectRefused(work, tokens.alice, "HEAD:refs/pr/404", /pull request #404 does not exist/);
  });
});
