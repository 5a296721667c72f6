import type { Problem } from "../../formats/problems.ts";

/** Problems of a file, each with its line and column, worst first; links jump to the highlighted line when `lineHref` is given. */
export function ProblemsBanner(props: { title: string; problems: readonly Problem[]; lineHref?: (line: number) => string }) {
  if (props.problems.length === 0) return null;
  const errors = props.problems.some((p) => p.severity === "error");
  return (
    <div class={`banner ${errors ? "error" : "warning"}`} role="alert">
      <strong>{props.title}</strong>
      <ul>
        {props.problems.slice(0, 50).map((p) => (
          <li>
            {props.lineHref ? <a href={props.lineHref(p.line)}>{`${p.file}:${p.line}:${p.column}`}</a> : <code>{`${p.file}:${p.line}:${p.column}`}</code>}{" "}
            {p.severity === "error" ? "✖" : "⚠"} {p.summary}
            {p.path ? (
              <>
                {" at "}
                <code>{p.path}</code>
              </>
            ) : null}
            : {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
