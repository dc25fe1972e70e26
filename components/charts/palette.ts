// Okabe–Ito: eight colours that stay distinct for the common colour-vision deficiencies and in greyscale print
// (ordered so neighbours in a stack differ in lightness as well as hue).
export const OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"] as const;

export function seriesColor(index: number): string {
  return OKABE_ITO[index % OKABE_ITO.length];
}

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", notation: "compact", maximumFractionDigits: 1 });

export type Unit = "tokens" | "usd" | "count" | "percent";

export function formatValue(value: number, unit: Unit): string {
  if (unit === "usd") return usd.format(value);
  if (unit === "percent") return `${Math.round(value * 10) / 10}%`;
  return compact.format(value);
}
