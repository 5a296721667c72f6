export interface ChartPoint {
  x: number;
  y: number;
  label: string;
  /** Drawn in a lighter colour (a community result). */
  muted?: boolean;
}

export interface ChartProps {
  title: string;
  points: readonly ChartPoint[];
  xLabel: string;
  yLabel: string;
  /** How to print an x value on the axis. */
  formatX: (x: number) => string;
  formatY: (y: number) => string;
  /** Log scale for x (model sizes). */
  logX?: boolean;
  /** The x range drawn around a single x value (a day for dates). */
  minXSpan?: number;
  /** Join the points in x order (a score over time). */
  line?: boolean;
}

const W = 640;
const H = 260;
const PAD = { left: 56, right: 16, top: 16, bottom: 40 };

/** A scatter (or line) chart drawn on the server as SVG: it needs no script and obeys the CSP. */
export function Chart(props: ChartProps) {
  const points = props.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y) && (!props.logX || p.x > 0));
  if (points.length === 0) return <p class="muted">{props.title}: nothing to draw yet.</p>;
  const tx = (x: number) => (props.logX ? Math.log10(x) : x);
  const xs = points.map((p) => tx(p.x));
  const ys = points.map((p) => p.y);
  const [x0, x1] = spread(Math.min(...xs), Math.max(...xs), props.logX ? 0.5 : (props.minXSpan ?? 1));
  const [y0, y1] = spread(Math.min(...ys), Math.max(...ys), Math.abs(ys[0] ?? 0) * 0.2 || 1);
  const px = (x: number) => PAD.left + ((tx(x) - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const py = (y: number) => H - PAD.bottom - ((y - y0) / (y1 - y0)) * (H - PAD.top - PAD.bottom);
  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => y0 + f * (y1 - y0));
  const xTicks = [0, 0.5, 1].map((f) => x0 + f * (x1 - x0)).map((v) => (props.logX ? 10 ** v : v));
  const ordered = [...points].sort((a, b) => a.x - b.x);
  return (
    <figure class="chart-figure">
      <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.title} xmlns="http://www.w3.org/2000/svg">
        <title>{props.title}</title>
        {yTicks.map((y) => (
          <>
            <line class="grid-line" x1={PAD.left} x2={W - PAD.right} y1={py(y)} y2={py(y)} />
            <text x={PAD.left - 6} y={py(y) + 4} text-anchor="end">{props.formatY(y)}</text>
          </>
        ))}
        {xTicks.map((x, i) => (
          <text x={px(x)} y={H - PAD.bottom + 16} text-anchor={i === 0 ? "start" : i === xTicks.length - 1 ? "end" : "middle"}>{props.formatX(x)}</text>
        ))}
        <line class="axis" x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} />
        <line class="axis" x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={H - PAD.bottom} />
        <text x={(W + PAD.left) / 2} y={H - 6} text-anchor="middle">{props.xLabel}</text>
        <text x={12} y={(H - PAD.bottom) / 2} text-anchor="middle" transform={`rotate(-90 12 ${(H - PAD.bottom) / 2})`}>{props.yLabel}</text>
        {props.line && ordered.length > 1 ? <polyline class="series" points={ordered.map((p) => `${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(" ")} /> : null}
        {points.map((p) => (
          <circle class={p.muted ? "point community" : "point"} cx={px(p.x).toFixed(1)} cy={py(p.y).toFixed(1)} r="4">
            <title>{p.label}</title>
          </circle>
        ))}
      </svg>
      <figcaption class="muted">{props.title}</figcaption>
    </figure>
  );
}

/** A range that is never empty (`span` around a single value), with a little room at both ends. */
function spread(min: number, max: number, span: number): [number, number] {
  if (min === max) return [min - span / 2, max + span / 2];
  const pad = (max - min) * 0.05;
  return [min - pad, max + pad];
}
