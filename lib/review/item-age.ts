// How old a review item is, and how the queue prints that age. Pure.

/** Age of an item in whole hours: until now while open, until resolution once resolved. */
export function itemAgeHours(item: { openedAt: Date; resolvedAt: Date | null }, now: Date): number {
  const end = item.resolvedAt ?? now;
  return Math.max(0, Math.floor((end.getTime() - item.openedAt.getTime()) / 3_600_000));
}

export function formatAge(hours: number): string {
  if (hours < 1) return "< 1 h";
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}
