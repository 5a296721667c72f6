import type { LedgerRecord } from "../../../hub/results/moderation.ts";
import { formatDate, formatValue } from "../../format.ts";
import { modelPath } from "../../urls.ts";

/** The public record of hidden and unhidden results: who, when, why. */
export function LedgerTable(props: { records: readonly LedgerRecord[]; showModel?: boolean }) {
  if (props.records.length === 0) return <p class="muted">No result has been hidden.</p>;
  return (
    <div class="table-wrap">
      <table class="ledger">
        <thead>
          <tr>
            <th>Date</th>
            <th>Action</th>
            {props.showModel === false ? null : <th>Model</th>}
            <th>Task</th>
            <th class="num">Value</th>
            <th>By</th>
            <th>Reason</th>
            <th>Now</th>
          </tr>
        </thead>
        <tbody>
          {props.records.map((r) => (
            <tr>
              <td>{formatDate(r.at)}</td>
              <td>{r.action === "hide" ? "hidden" : "unhidden"}</td>
              {props.showModel === false ? null : (
                <td>
                  <a href={modelPath(r.model)}>{r.model}</a>
                </td>
              )}
              <td>{r.taskId ?? "—"}</td>
              <td class="num">{formatValue(r.value)}</td>
              <td>{r.actor ?? "deleted account"}</td>
              <td class="notes">{r.reason}</td>
              <td>{r.hiddenNow ? <span class="badge hidden">hidden</span> : <span class="muted">shown</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
