import type { BoardQuery } from "./board-query.ts";

/** A check box that can also say "off" for a flag on by default: the hidden 0 comes first, the box's 1 last. */
function Flag(props: { name: string; checked: boolean; label: string }) {
  return (
    <label class="check">
      <input type="hidden" name={props.name} value="0" />
      <input type="checkbox" name={props.name} value="1" checked={props.checked} />
      {props.label}
    </label>
  );
}

/** The leaderboard's filters as a GET form, so every view has an address and works without JavaScript. */
export function FiltersForm(props: { action: string; taskId: string; q: BoardQuery }) {
  const { q } = props;
  const setupValue = q.setupText || (q.setup[0] ? `${q.setup[0].field}=${String(q.setup[0].value)}` : "");
  return (
    <form class="filters" method="get" action={props.action}>
      <input type="hidden" name="task_id" value={props.taskId} />
      <Flag name="include_community" checked={q.includeCommunity} label="Community results" />
      <Flag name="verified_only" checked={q.verifiedOnly} label="Verified only" />
      <Flag name="base_model" checked={q.baseModelOnly} label="Base models only" />
      <label>
        Max size
        <select name="max_params">
          {["", "1B", "3B", "6B", "12B", "32B", "128B", "500B"].map((v) => (
            <option value={v} selected={q.maxParams.toUpperCase() === v}>{v === "" ? "any" : `≤ ${v}`}</option>
          ))}
        </select>
      </label>
      <label>
        Setup
        <input type="text" name="setup" value={setupValue} placeholder="tools=true" maxlength={200} />
      </label>
      <label>
        As of
        <input type="date" name="as_of" value={q.asOf.slice(0, 10)} />
      </label>
      <button type="submit">Apply</button>
      <a href={`${props.action}?task_id=${encodeURIComponent(props.taskId)}`}>Reset</a>
    </form>
  );
}
