"use client";

import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { seriesColor } from "./palette";

/** Two shares that add up to 100% per bucket (in-house versus external), as stacked areas. */
export function ShareAreaChart({ data, summary, height = 220 }: { data: { label: string; internal: number; external: number }[]; summary: string; height?: number }) {
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  return (
    <div role="img" aria-label={summary} className="w-full text-slate-200 print:[print-color-adjust:exact]" style={{ height }} data-chart="area">
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={data} stackOffset="expand" margin={{ top: 8, right: 8, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11, className: "fill-slate-700" }} tickLine={false} minTickGap={12} />
          <YAxis tickFormatter={pct} tick={{ fontSize: 11, className: "fill-slate-700" }} width={44} />
          <Tooltip formatter={(v) => new Intl.NumberFormat("en-US", { notation: "compact" }).format(Number(v))} isAnimationActive={false} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Area type="monotone" dataKey="internal" name="In-house tools" stackId="s" stroke={seriesColor(2)} fill={seriesColor(2)} fillOpacity={0.85} isAnimationActive={false} />
          <Area type="monotone" dataKey="external" name="External tools" stackId="s" stroke={seriesColor(1)} fill={seriesColor(1)} fillOpacity={0.85} isAnimationActive={false} />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
