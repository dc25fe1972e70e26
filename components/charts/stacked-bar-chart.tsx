"use client";

import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatValue, seriesColor, type Unit } from "./palette";

export type ChartSeries = { key: string; label: string };
export type ChartDatum = { label: string } & Record<string, number | string>;

/**
 * Bars per bucket, one stacked segment per series. The numbers are also in the table next to it;
 * the chart is a picture of them (role="img" with a summary for screen readers). Buckets in `partial` (a first
 * or last week the range only covers in part) are drawn faded and starred, so a short week does not read as a drop.
 */
export function StackedBarChart({
  data,
  series,
  unit,
  summary,
  height = 260,
  partial,
}: {
  data: ChartDatum[];
  series: ChartSeries[];
  unit: Unit;
  summary: string;
  height?: number;
  partial?: ReadonlySet<string>;
}) {
  const marked = partial?.size ? data.map((d) => (partial.has(d.label) ? { ...d, label: `${d.label}*` } : d)) : data;
  const isPartial = (d: ChartDatum) => d.label.endsWith("*") && !!partial?.size;
  return (
    <figure className="w-full">
      <div
        role="img"
        aria-label={partial?.size ? `${summary}; starred periods are only partly in the range` : summary}
        className="w-full text-slate-200 print:[print-color-adjust:exact]"
        style={{ height }}
        data-chart="bar"
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={marked} margin={{ top: 8, right: 8, bottom: 4, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="currentColor" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 11, className: "fill-slate-700" }} tickLine={false} minTickGap={12} />
            <YAxis tick={{ fontSize: 11, className: "fill-slate-700" }} tickFormatter={(v: number) => formatValue(v, unit)} width={56} />
            <Tooltip formatter={(v) => formatValue(Number(v), unit)} isAnimationActive={false} />
            {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
            {series.map((s, i) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} stackId="stack" fill={seriesColor(i)} isAnimationActive={false}>
                {marked.map((d) => (
                  <Cell key={d.label} fillOpacity={isPartial(d) ? 0.4 : 1} />
                ))}
              </Bar>
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      {!!partial?.size && <figcaption className="mt-1 text-xs text-slate-500">* Only part of this period is in the range, so its bar is lower; it is drawn faded.</figcaption>}
    </figure>
  );
}
