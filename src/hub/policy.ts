import type { TokenRole } from "../db/schema.ts";
import type { Account, Accounts } from "./accounts.ts";
import { forbidden, notFound, unauthorized, type HubError } from "./errors.ts";
import type { Repo } from "./repos.ts";

/** Who is asking: a user (through a token or a web session) or nobody. */
export interface Actor {
  user: Account | null;
  /** The role of the token used; null for a web session (the user's full rights) or for anonymous. */
  tokenRole: TokenRole | null;
  /** The token used, when there is one (whoami shows it). */
  token?: { id: number; name: string; role: TokenRole; createdAt: string };
}

export const ANONYMOUS: Actor = { user: null, tokenRole: null };

export type Access = "none" | "read" | "write" | "admin";
const RANK: Record<Access, number> = { none: 0, read: 1, write: 2, admin: 3 };

/** What the policy needs to know about a discussion or pull request. */
export interface DiscussionSubject {
  /** Null once the author's account is gone. */
  authorId: number | null;
}

export type DiscussionAction = "comment" | "change-status" | "rename" | "commit" | "merge" | "hide-comment";

const AUTHOR_ACTIONS: ReadonlySet<DiscussionAction> = new Set(["comment", "change-status", "rename", "commit"]);
const DISCUSSION_VERBS: Record<DiscussionAction, string> = {
  comment: "comment",
  "change-status": "close or reopen this discussion",
  rename: "rename this discussion",
  commit: "push to this pull request",
  merge: "merge pull requests",
  "hide-comment": "hide comments",
};

/** The one place that decides who may do what to a repository or in a namespace. */
export class Policy {
  constructor(private readonly accounts: Accounts) {}

  /** The user's own rights, before the token's role caps them. */
  private async rightsIn(user: Account, ownerId: number): Promise<Access> {
    if (user.is_admin) return "admin";
    if (user.id === ownerId) return "admin";
    const role = await this.accounts.orgRole(ownerId, user.id);
    return role ?? "none";
  }

  private cap(actor: Actor, access: Access): Access {
    return actor.tokenRole === "read" && RANK[access] > RANK.read ? "read" : access;
  }

  async repoAccess(actor: Actor, repo: Repo): Promise<Access> {
    const own = actor.user ? this.cap(actor, await this.rightsIn(actor.user, repo.owner_id)) : "none";
    if (!repo.private && RANK[own] < RANK.read) return "read";
    return own;
  }

  /** Private repositories are a 404 to whoever may not read them, never a 403. */
  async assertRead(actor: Actor, repo: Repo): Promise<void> {
    if ((await this.repoAccess(actor, repo)) === "none") throw repoNotFound();
  }

  /** For checks that answer with their own message instead of an HTTP error (a refused git push). */
  async canWrite(actor: Actor, repo: Repo): Promise<boolean> {
    return RANK[await this.repoAccess(actor, repo)] >= RANK.write;
  }

  async assertWrite(actor: Actor, repo: Repo): Promise<void> {
    await this.assertAtLeast(actor, repo, "write");
  }

  async assertAdmin(actor: Actor, repo: Repo): Promise<void> {
    await this.assertAtLeast(actor, repo, "admin");
  }

  /** Opening a pull request (or a discussion): anyone signed in who can read the repository, with a token that may write. */
  async assertOpenPullRequest(actor: Actor, repo: Repo, what = "a pull request"): Promise<void> {
    if ((await this.repoAccess(actor, repo)) === "none") throw repoNotFound();
    if (!actor.user) throw unauthorized(`sign in to open ${what}`);
    if (actor.tokenRole === "read") throw forbidden("this token is read-only; use a write token");
  }

  /**
   * Why the actor may not do `action` in a discussion or pull request, or null when they may.
   * Anyone signed in who can read the repository comments; its author also renames it, closes and
   * reopens it and (a pull request) commits to it; writers, organisation admins and site admins do
   * all of that and merge and hide comments too. Returned rather than thrown for git pushes.
   */
  async discussionRefusal(actor: Actor, repo: Repo, discussion: DiscussionSubject, action: DiscussionAction): Promise<HubError | null> {
    const access = await this.repoAccess(actor, repo);
    if (access === "none") return repoNotFound();
    if (!actor.user) return unauthorized(`sign in to ${DISCUSSION_VERBS[action]}`);
    if (actor.tokenRole === "read") return forbidden("this token is read-only; use a write token");
    if (RANK[access] >= RANK.write || action === "comment") return null;
    const isAuthor = discussion.authorId !== null && discussion.authorId === actor.user.id;
    if (isAuthor && AUTHOR_ACTIONS.has(action)) return null;
    const who = AUTHOR_ACTIONS.has(action) ? "its author or writers" : "writers";
    return forbidden(`only ${who} of ${repo.namespace}/${repo.name} may ${DISCUSSION_VERBS[action]}`);
  }

  async assertDiscussion(actor: Actor, repo: Repo, discussion: DiscussionSubject, action: DiscussionAction): Promise<void> {
    const refusal = await this.discussionRefusal(actor, repo, discussion, action);
    if (refusal) throw refusal;
  }

  /** A comment is edited by whoever wrote it (and site admins), never by moderators: they hide it instead. */
  async assertEditComment(actor: Actor, repo: Repo, commentAuthorId: number | null): Promise<void> {
    if ((await this.repoAccess(actor, repo)) === "none") throw repoNotFound();
    if (!actor.user) throw unauthorized("sign in to edit a comment");
    if (actor.tokenRole === "read") throw forbidden("this token is read-only; use a write token");
    if (actor.user.is_admin || (commentAuthorId !== null && commentAuthorId === actor.user.id)) return;
    throw forbidden("only the author of a comment may edit it");
  }

  async assertCreateIn(actor: Actor, namespace: Account): Promise<void> {
    if (!actor.user) throw unauthorized("sign in to create a repository");
    const access = this.cap(actor, await this.rightsIn(actor.user, namespace.id));
    if (RANK[access] < RANK.write) throw forbidden(`you cannot create repositories in "${namespace.name}"`);
  }

  /**
   * Subscribing to webhooks: for a repository or a benchmark, its writers (and organisation and site admins); for an
   * organisation (or a user's namespace), its admins. A repository the actor may not read is a 404.
   */
  async assertSubscribe(actor: Actor, target: { kind: "repo" | "benchmark"; repo: Repo } | { kind: "org"; org: Account }): Promise<void> {
    if (target.kind !== "org") return this.assertWrite(actor, target.repo);
    if (!actor.user) throw unauthorized("sign in to subscribe to webhooks");
    if (actor.tokenRole === "read") throw forbidden("this token is read-only; use a write token");
    if ((await this.rightsIn(actor.user, target.org.id)) !== "admin") throw forbidden(`only admins of ${target.org.name} may subscribe to its events`);
  }

  /** A subscription is seen, changed and deleted by whoever made it, and by site admins. */
  mayManageSubscription(actor: Actor, ownerId: number): boolean {
    return actor.user !== null && (actor.user.is_admin === 1 || actor.user.id === ownerId);
  }

  /** Deleting a subscription one may manage is a change: a read-only token only sees it. */
  assertChangeSubscription(actor: Actor): void {
    if (actor.tokenRole === "read") throw forbidden("this token is read-only; use a write token");
  }

  /** Whether an account (acting with its full rights, as a webhook's owner does) may read the repository. */
  async accountMayRead(account: Account, repo: Repo): Promise<boolean> {
    return (await this.repoAccess({ user: account, tokenRole: null }, repo)) !== "none";
  }

  /** Managing an organisation (its members and their roles): its admins and site admins. */
  async assertOrgAdmin(actor: Actor, org: Account): Promise<void> {
    if (!actor.user) throw unauthorized("sign in to manage an organisation");
    if (actor.tokenRole === "read") throw forbidden("this token is read-only; use a write token");
    if ((await this.rightsIn(actor.user, org.id)) !== "admin") throw forbidden(`only admins of ${org.name} may manage its members`);
  }

  assertSiteAdmin(actor: Actor): void {
    if (!actor.user) throw unauthorized("sign in as a site admin");
    if (!actor.user.is_admin || actor.tokenRole === "read") throw forbidden("only site admins may do this");
  }

  private async assertAtLeast(actor: Actor, repo: Repo, needed: Access): Promise<void> {
    const access = await this.repoAccess(actor, repo);
    if (access === "none") throw repoNotFound();
    if (RANK[access] >= RANK[needed]) return;
    if (!actor.user) throw unauthorized("sign in to do this");
    if (actor.tokenRole === "read") throw forbidden("this token is read-only; use a write token");
    throw forbidden(`you need ${needed} access to ${repo.namespace}/${repo.name}`);
  }
}

export const repoNotFound = () => notFound("RepoNotFound", "Repository not found");
