import { safeHref } from "../urls.ts";

export interface BadgeFacts {
  verified: boolean;
  verifiedBy?: string | null;
  community: boolean;
  logChecked?: boolean;
  conflict?: boolean;
  hidden?: boolean;
  sourceUrl?: string | null;
  sourceName?: string | null;
  pullRequestHref?: string;
}

/** Where a number comes from, at a glance: one pill per fact, in a fixed order. */
export function Badges(props: BadgeFacts) {
  const source = safeHref(props.sourceUrl);
  return (
    <span class="badges">
      {props.verified ? (
        <span class="badge verified" title={props.verifiedBy ? `signed by ${props.verifiedBy}` : "signed by a trusted issuer"}>
          ✓ verified{props.verifiedBy ? ` by ${props.verifiedBy}` : ""}
        </span>
      ) : null}
      {props.community ? (
        props.pullRequestHref ? (
          <a class="badge community" href={props.pullRequestHref} title="proposed in an open pull request">community</a>
        ) : (
          <span class="badge community" title="proposed in an open pull request">community</span>
        )
      ) : null}
      {props.logChecked ? <span class="badge checked" title="the evaluation log agrees with this value">log-checked</span> : null}
      {props.conflict ? <span class="badge conflict" title="another entry for this model and task disagrees">conflict</span> : null}
      {props.hidden ? <span class="badge hidden">hidden</span> : null}
      {source ? (
        <a class="badge source" href={source} rel="nofollow noopener" title={source}>
          {props.sourceName ? `source: ${props.sourceName}` : "source"}
        </a>
      ) : props.sourceName ? (
        <span class="badge source">source: {props.sourceName}</span>
      ) : null}
    </span>
  );
}
