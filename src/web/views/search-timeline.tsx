/**
 * The timeline of a search: hits per month as an SVG bar chart drawn on the server (no script),
 * one bar per month from the first month with hits to the last, with a text summary for screen
 * readers and a title per bar.
 */

const WIDTH = 720;
const HEIGHT = 90;

function nextMonth(m: string): string {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}

export function SearchTimeline(props: { months: { value: string; count: number }[] }) {
  if (props.months.length === 0) return null;
  const counts = new Map(props.months.map((m) => [m.value, m.count]));
  const all: string[] = [];
  const last = props.months[props.months.length - 1]!.value;
  for (let m = props.months[0]!.value; m <= last && all.length < 1200; m = nextMonth(m)) all.push(m);
  const max = Math.max(...props.months.map((m) => m.count));
  const bar = WIDTH / all.length;
  const first = all[0]!;
  return (
    <figure class="timeline">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT + 14}`}
        role="img"
        aria-label={`Hits per month from ${first} to ${last}, at most ${max} in a month`}
      >
        {all.map((m, i) => {
          const n = counts.get(m) ?? 0;
          const h = n === 0 ? 0 : Math.max(1, (n / max) * HEIGHT);
          return n === 0 ? null : (
            <rect
              x={(i * bar).toFixed(2)}
              y={(HEIGHT - h).toFixed(2)}
              width={Math.max(bar - 0.5, 0.5).toFixed(2)}
              height={h.toFixed(2)}
            >
              <title>{`${m}: ${n}`}</title>
            </rect>
          );
        })}
        <text x="0" y={HEIGHT + 12} font-size="10">
          {first}
        </text>
        <text x={WIDTH} y={HEIGHT + 12} font-size="10" text-anchor="end">
          {last}
        </text>
      </svg>
      <figcaption>
        Hits per month written ({first} to {last})
      </figcaption>
    </figure>
  );
}
