import type { ComponentChildren } from 'preact';

/**
 * Room at the left of a chart for the names of its rows: wide enough for most
 * names (`perChar` pixels a character, at least `min`), never more than 40% of
 * the chart, so the marks keep the rest.
 */
export function labelMargin(labels: string[], width: number, min: number, perChar: number): number {
  const longest = Math.max(8, ...labels.map((l) => l.length));
  return Math.round(Math.min(width * 0.4, Math.max(min, longest * perChar + 14)));
}

/** One entry of a chart's key: the mark drawn in a small picture (16 high), then what it means. */
export function KeyItem({ label, width = 16, children }: { label: string; width?: number; children: ComponentChildren }) {
  return (
    <li>
      <svg width={width} height="16" viewBox={`0 0 ${width} 16`}>
        {children}
      </svg>
      {label}
    </li>
  );
}
