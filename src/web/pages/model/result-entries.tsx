import type { presentModelResult } from "../../../api/presenters/eval-result.ts";
import { Badges } from "../../components/badges.tsx";
import { TickedText } from "../../components/ticked-text.tsx";
import { formatDate, formatSetup, formatValue, shortSha } from "../../format.ts";
import { CsrfField } from "../../session/csrf-field.tsx";
import { blobPath, commitPath, datasetPath, discussionPath, modelPath } from "../../urls.ts";
import { entryField } from "../moderation/entry-field.ts";

export type PresentedResult = ReturnType<typeof presentModelResult>;

const STATUS_TEXT: Record<string, string> = {
  valid: "counts",
  "unknown-benchmark": "unknown benchmark",
  "unknown-task": "unknown task",
  invalid: "invalid",
};

/** Every entry of a model's results files, where it lives, and why it counts or not. */
export function ResultEntries(props: { modelId: string; results: readonly PresentedResult[]; canModerate: boolean }) {
  if (props.results.length === 0) return <p class="muted">No results yet. Add a file under <code>.eval_results/</code> to this repository.</p>;
  return (
    <div class="table-wrap">
      <table class="results">
        <thead>
          <tr>
            <th>Benchmark</th>
            <th>Task</th>
            <th class="num">Value</th>
            <th>Badges</th>
            <th>Status</th>
            <th class="hide-narrow">Notes</th>
            <th class="hide-narrow">Setup</th>
            <th>Date</th>
            <th>Where</th>
            {props.canModerate ? <th>Moderation</th> : null}
          </tr>
        </thead>
        <tbody>
          {props.results.map((r) => (
            <tr class={r.badges.hidden ? "hidden-entry" : undefined} id={`entry-${r.contentHash.slice(0, 12)}-${r.entryIndex}`}>
              <td>{r.datasetId ? <a href={datasetPath(r.datasetId)}>{r.datasetId}</a> : "—"}</td>
              <td>{r.taskId ?? "—"}</td>
              <td class="num">{formatValue(r.value)}</td>
              <td>
                <Badges
                  verified={r.badges.verified}
                  verifiedBy={r.badges.verifiedBy}
                  community={r.badges.community}
                  logChecked={r.badges.logChecked}
                  conflict={r.badges.conflict}
                  hidden={r.badges.hidden}
                  sourceUrl={r.source?.url}
                  sourceName={r.source?.name}
                  pullRequestHref={r.pullRequest !== null ? discussionPath("model", props.modelId, r.pullRequest) : undefined}
                />
              </td>
              <td>
                <span class={r.status === "valid" ? "muted" : "badge invalid"}>{STATUS_TEXT[r.status] ?? r.status}</span>
                {r.reasons.map((reason) => (
                  <div class="warning-text">
                    <TickedText text={reason} />
                  </div>
                ))}
                {r.evidence && r.evidence.status !== "log-checked" ? (
                  <div class="warning-text">
                    log {r.evidence.status}
                    {r.evidence.detail ? `: ${r.evidence.detail}` : ""}
                  </div>
                ) : null}
              </td>
              <td class="notes hide-narrow">{r.notes ?? ""}</td>
              <td class="notes hide-narrow">{formatSetup(r.setup)}</td>
              <td>{formatDate(r.date)}</td>
              <td class="where">
                <a href={`${blobPath("model", props.modelId, r.commit, r.filename)}#L${r.line}`}>{r.filename}</a>
                <br />
                <a href={commitPath("model", props.modelId, r.commit)} class="muted">{shortSha(r.commit)}</a>
                {r.pullRequest !== null ? (
                  <>
                    {" · "}
                    <a href={discussionPath("model", props.modelId, r.pullRequest)}>PR #{r.pullRequest}</a>
                  </>
                ) : null}
              </td>
              {props.canModerate ? (
                <td>
                  <ModerationForm modelId={props.modelId} entry={entryField({ ref: r.ref, filePath: r.filename, contentHash: r.contentHash })} hidden={r.badges.hidden} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Hide or unhide one entry, with a reason that goes to the public ledger (handled by the moderation routes). */
function ModerationForm(props: { modelId: string; entry: string; hidden: boolean }) {
  const action = props.hidden ? "unhide" : "hide";
  return (
    <form method="post" action={`${modelPath(props.modelId)}/results/${action}`} class="moderate">
      <CsrfField />
      <input type="hidden" name="entry" value={props.entry} />
      <input type="text" name="reason" required maxlength={500} placeholder="Reason" aria-label={`Reason to ${action}`} />
      <button type="submit" class="secondary">{props.hidden ? "Unhide" : "Hide"}</button>
    </form>
  );
}
