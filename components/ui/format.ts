// Number and date formatting shared by pages, so the same figure reads the same everywhere.
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat("en-US");
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });

export const formatTokens = (n: number | bigint) => compact.format(Number(n));
export const formatCount = (n: number | bigint) => whole.format(Number(n));
export const formatUsd = (n: number) => usd.format(n);
export const formatPercent = (fraction: number) => `${Math.round(fraction * 100)}%`;

export function formatDateTime(d: Date | string, timeZone = "UTC") {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(d));
}

export function formatDate(d: Date | string, timeZone = "UTC") {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone }).format(new Date(d));
}
