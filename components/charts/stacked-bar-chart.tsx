"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatValue, seriesColor, type Unit } from "./palette";

export type ChartSeries = { key: string; label: string };
export type ChartDatum = { label: string } & Record<string, number | string>;

/**
 * Bars per bucket, one stacked segment per series. The numbers are also in the table next to it;
 * the chart is a picture of them (role="img" with a summary for screen readers).
 */
export function StackedBarChart({ data, series, unit, summary, height = 260 }: { data: ChartDatum[]; series: ChartSeries[]; unit: Unit; summary: string; height?: number }) {
  return (
    <div role="img" aria-label={summary} className="w-full print:[print-color-adjust:exact]" style={{ height }} data-chart="bar">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: "#334155" }} tickLine={false} minTickGap={12} />
          <YAxis tick={{ fontSize: 11, fill: "#334155" }} tickFormatter={(v: number) => formatValue(v, unit)} width={56} />
          <Tooltip formatter={(v) => formatValue(Number(v), unit)} isAnimationActive={false} />
          {series.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
          {series.map((s, i) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId="stack" fill={seriesColor(i)} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
