/** A size as people read it: "512 bytes", "64 KB", "1.5 MB" (binary units, at most one decimal). */
export function formatBytes(n: number): string {
  const units = ["KB", "MB", "GB"];
  if (n < 1024) return `${n} bytes`;
  let value = n;
  let unit = "";
  for (const u of units) {
    value /= 1024;
    unit = u;
    if (value < 1024) break;
  }
  return `${Number(value.toFixed(1))} ${unit}`;
}
