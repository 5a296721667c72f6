import { Badges } from "../../components/badges.tsx";
import { formatDate, formatParams, formatSetup, formatValue } from "../../format.ts";
import { discussionPath, modelPath, withQuery } from "../../urls.ts";
import type { BoardRow } from "./board-data.ts";
import type { SortKey } from "./board-query.ts";

export interface TableProps {
  rows: readonly BoardRow[];
  /** The page's address with its filters, to which the sort headers add `sort` and `dir`. */
  basePath: string;
  params: Record<string, string | undefined>;
  sort: SortKey;
  descending: boolean;
  lowerIsBetter: boolean;
  /** Open links in the parent page (embeds). */
  linkTarget?: string;
  compact?: boolean;
  /** A model id (lower case) whose row stands out. */
  highlight?: string;
}

/** The leaderboard as a plain table: readable without JavaScript; headers sort on the server (a script may sort in place). */
export function LeaderboardTable(props: TableProps) {
  const header = (key: SortKey, label: string, numeric = false) => {
    const active = props.sort === key;
    const nextDescending = active ? !props.descending : key === "value" ? !props.lowerIsBetter : key === "date" || key === "params";
    const href = withQuery(props.basePath, { ...props.params, sort: key === "rank" && !nextDescending ? undefined : key, dir: nextDescending ? "desc" : undefined });
    return (
      <th class={numeric ? "num" : undefined} aria-sort={active ? (props.descending ? "descending" : "ascending") : undefined} data-sort-key={key}>
        <a href={href}>{label}{active ? (props.descending ? " ↓" : " ↑") : ""}</a>
      </th>
    );
  };
  if (props.rows.length === 0) return <p class="muted">No results match these filters yet.</p>;
  return (
    <div class="table-wrap">
      <table class="leaderboard" data-sortable="true">
        <thead>
          <tr>
            {header("rank", "#", true)}
            {header("model", "Model")}
            {header("value", props.lowerIsBetter ? "Value (lower is better)" : "Value", true)}
            <th>Badges</th>
            {props.compact ? null : <th class="hide-narrow">Notes</th>}
            {props.compact ? null : <th class="hide-narrow">Setup</th>}
            {header("params", "Size", true)}
            {header("date", "Date")}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr class={props.highlight === row.modelId.toLowerCase() ? "highlight" : undefined} data-rank={row.rank} data-model={row.modelId.toLowerCase()} data-value={row.value} data-params={row.num_parameters ?? -1} data-date={row.date}>
              <td class="num">{row.rank}</td>
              <td>
                <a href={modelPath(row.modelId)} target={props.linkTarget}>{row.modelId}</a>
              </td>
              <td class="num">
                {formatValue(row.value)}
                {row.ci95 ? <small class="ci" title={`95% interval ${formatValue(row.ci95[0])} to ${formatValue(row.ci95[1])}`}> ±{formatValue((row.ci95[1] - row.ci95[0]) / 2)}</small> : null}
              </td>
              <td>
                <Badges
                  verified={row.verified}
                  verifiedBy={"verifiedBy" in row ? row.verifiedBy : null}
                  community={row.community}
                  logChecked={row.logChecked === true}
                  conflict={row.conflict === true}
                  sourceUrl={row.source?.url}
                  sourceName={row.source?.name}
                  pullRequestHref={row.pullRequest !== undefined ? discussionPath("model", row.modelId, row.pullRequest) : undefined}
                />
              </td>
              {props.compact ? null : <td class="notes hide-narrow">{row.notes ?? ""}</td>}
              {props.compact ? null : <td class="notes hide-narrow">{formatSetup(row.setup as Record<string, unknown> | undefined)}</td>}
              <td class="num">{formatParams(row.num_parameters)}</td>
              <td>{formatDate(row.date)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
