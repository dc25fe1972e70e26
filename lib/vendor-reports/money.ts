// Exact decimal money for vendor reports: amounts are carried as integers scaled by 10^10 (BigInt), never floats,
// and written with 6 decimals (VendorUsageRow.costUsd is numeric(24,6)), rounded half away from zero.

const SCALE = 10;
const FACTOR = 10n ** BigInt(SCALE);

/**
 * A decimal string ("123.45", "-0.5", "1e-7") or a JSON number as a scaled BigInt; null when it is not a number.
 * A JSON number is read through its shortest decimal form (what the vendor wrote), so 0.06 stays 0.06.
 */
export function parseDecimal(value: unknown): bigint | null {
  const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : typeof value === "string" ? value.trim() : "";
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || (!m[2] && !m[3])) return null;
  const [, sign, intPart, fracPart = "", expPart] = m;
  const exp = Number(expPart ?? 0);
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 40) return null;
  // digits × 10^(exp − fraction length), brought to SCALE decimals (truncating digits past 10^-SCALE after rounding)
  const digits = BigInt((intPart || "0") + fracPart);
  const shift = SCALE + exp - fracPart.length;
  let scaled: bigint;
  if (shift >= 0) scaled = digits * 10n ** BigInt(shift);
  else {
    const div = 10n ** BigInt(-shift);
    scaled = (digits + div / 2n) / div;
  }
  return sign === "-" ? -scaled : scaled;
}

/** Divides a scaled amount by 100 (a vendor's cents to dollars), rounding half away from zero. */
export function centsToDollars(cents: bigint): bigint {
  const sign = cents < 0n ? -1n : 1n;
  return (sign * (sign * cents + 50n)) / 100n;
}

/** A scaled amount as a decimal string with 6 decimals ("1.234568"), for Prisma's Decimal columns. */
export function formatUsd(scaled: bigint): string {
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  const div = 10n ** BigInt(SCALE - 6);
  const micros = (abs + div / 2n) / div;
  const whole = micros / 1_000_000n;
  const frac = (micros % 1_000_000n).toString().padStart(6, "0");
  return `${negative && micros !== 0n ? "-" : ""}${whole}.${frac}`;
}

export const ZERO = 0n;
export { FACTOR as MONEY_FACTOR };
