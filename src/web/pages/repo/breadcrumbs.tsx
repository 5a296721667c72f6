import type { RepoKind } from "../../../db/schema.ts";
import { treePath } from "../../urls.ts";

/** `rev / dir / sub / file`, each folder a link. */
export function Breadcrumbs(props: { kind: RepoKind; id: string; rev: string; path: string }) {
  const parts = props.path === "" ? [] : props.path.split("/");
  return (
    <p class="breadcrumbs">
      <a href={treePath(props.kind, props.id, props.rev)}>{props.rev}</a>
      {parts.map((part, i) => (
        <>
          {" / "}
          {i === parts.length - 1 ? <span>{part}</span> : <a href={treePath(props.kind, props.id, props.rev, parts.slice(0, i + 1).join("/"))}>{part}</a>}
        </>
      ))}
    </p>
  );
}
