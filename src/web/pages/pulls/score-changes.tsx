import type { ScoreChange } from "../../../hub/results/pull-request-scores.ts";
import { formatValue } from "../../format.ts";
import { datasetPath } from "../../urls.ts";

const LABEL: Record<ScoreChange["change"], string> = { added: "added", changed: "changed", removed: "removed" };

/** What a pull request does to the model's scores, one row per entry added, changed or removed. */
export function ScoreChanges(props: { changes: ScoreChange[] }) {
  if (props.changes.length === 0) return <p class="muted">This pull request changes no scores.</p>;
  return (
    <div class="table-wrap">
      <table class="score-changes">
        <thead>
          <tr>
            <th>Change</th>
            <th>Benchmark</th>
            <th>Task</th>
            <th class="num">Before</th>
            <th class="num">After</th>
            <th>File</th>
            <th>Notes</th>
          </tr>
        </thead>
        <tbody>
          {props.changes.map((s) => (
            <tr class={`change-${s.change}`}>
              <td>
                <span class={`badge change-${s.change}`}>{LABEL[s.change]}</span>
                {s.invalid ? <span class="badge invalid">invalid</span> : null}
              </td>
              <td>{s.dataset ? <a href={datasetPath(s.dataset)}>{s.dataset}</a> : "—"}</td>
              <td>{s.task ?? "—"}</td>
              <td class="num">{formatValue(s.before)}</td>
              <td class="num">{formatValue(s.after)}</td>
              <td>
                <code>{s.file}</code>
              </td>
              <td class="notes">{s.notes ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
