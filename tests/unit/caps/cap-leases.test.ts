import { describe, expect, it } from "vitest";
import { LEASE_USABLE_MS, RECENT_MS, createLeaseBook, leaseSize, type Lease } from "@/lib/caps/cap-leases";

describe("leaseSize", () => {
  it("leases 64 reservations of the asking size, at most the given percent of the cap", () => {
    expect(leaseSize(10_000_000, 1000, 1)).toBe(64_000);
    expect(leaseSize(1_000_000, 1000, 1)).toBe(10_000);
    expect(leaseSize(1_000_000, 1000, 2.5)).toBe(25_000);
  });

  it("leases nothing when the share of the cap covers fewer than 8 such reservations, or leases are off", () => {
    expect(leaseSize(1_000_000, 2000, 1)).toBe(0); // 10,000 tokens: five reservations
    expect(leaseSize(1_000_000, 100_000, 1)).toBe(0);
    expect(leaseSize(10_000_000, 1000, 0)).toBe(0);
    expect(leaseSize(10_000_000, 0, 1)).toBe(0);
    expect(leaseSize(0, 1000, 1)).toBe(0);
  });
});

describe("a worker's lease book", () => {
  const t0 = 1_000_000;

  it("carves reservations from a lease until it no longer covers one, and says what was unused before each", () => {
    const book = createLeaseBook();
    book.add("ana", "2026-11", "L1", 10_000, t0);
    expect(book.unused("ana", "2026-11", t0)).toBe(10_000);
    expect(book.take("ana", "2026-11", 4000, t0 + 1)).toMatchObject({ leaseId: "L1", unusedBefore: 10_000, low: false });
    expect(book.take("ana", "2026-11", 4000, t0 + 2)).toMatchObject({ leaseId: "L1", unusedBefore: 6000, low: true }); // 2,000 left: under a quarter
    expect(book.covers("ana", "2026-11", 4000, t0 + 3)).toBe(false);
    expect(book.take("ana", "2026-11", 4000, t0 + 3)).toBeNull();
    expect(book.take("ana", "2026-11", 2000, t0 + 4)).toMatchObject({ unusedBefore: 2000 });
    expect(book.unused("ana", "2026-11", t0 + 5)).toBe(0);
    expect(book.stats()).toMatchObject({ leases: 1, taken: 1, granted: 3, grantedTokens: 10_000, missed: 2 });
  });

  it("keeps each person's and period's leases apart", () => {
    const book = createLeaseBook();
    book.add("ana", "2026-11", "L1", 10_000, t0);
    expect(book.covers("bo", "2026-11", 1, t0)).toBe(false);
    expect(book.covers("ana", "2026-12", 1, t0)).toBe(false);
    expect(book.covers("ana", "2026-11", 10_000, t0)).toBe(true);
  });

  it("takes from the lease that ends first, and counts every lease's unused tokens", () => {
    const book = createLeaseBook();
    book.add("ana", "2026-11", "new", 10_000, t0 + 5000);
    book.add("ana", "2026-11", "old", 10_000, t0);
    expect(book.take("ana", "2026-11", 1000, t0 + 6000)).toMatchObject({ leaseId: "old", unusedBefore: 20_000 });
  });

  it("says a lease runs low when the newest one is near the end of its usable time", () => {
    const book = createLeaseBook();
    book.add("ana", "2026-11", "L1", 100_000, t0);
    expect(book.take("ana", "2026-11", 1000, t0 + LEASE_USABLE_MS / 2)?.low).toBe(false);
    expect(book.take("ana", "2026-11", 1000, t0 + LEASE_USABLE_MS - 1000)?.low).toBe(true);
  });

  it("grants nothing from a lease past its usable time, and hands it over to be given back", () => {
    const book = createLeaseBook();
    book.add("ana", "2026-11", "L1", 10_000, t0);
    const expired: Lease[] = [];
    expect(book.take("ana", "2026-11", 1000, t0 + LEASE_USABLE_MS, (l) => expired.push(l))).toBeNull();
    expect(expired.map((l) => [l.id, l.remaining])).toEqual([["L1", 10_000]]);
    expect(book.stats().leases).toBe(0);
    expect(book.unused("ana", "2026-11", t0 + LEASE_USABLE_MS)).toBe(0);
  });

  it("lists leases past their usable time apart from the live ones, and gives up every lease on takeAll", () => {
    const book = createLeaseBook();
    book.add("ana", "2026-11", "old", 10_000, t0);
    book.add("bo", "2026-11", "live", 10_000, t0 + LEASE_USABLE_MS);
    expect(book.takeExpired(t0 + LEASE_USABLE_MS + 1).map((l) => l.id)).toEqual(["old"]);
    expect(book.takeAll().map((l) => l.id)).toEqual(["live"]);
    expect(book.stats().leases).toBe(0);
  });

  it("hands over one person's leases alone, to give them back", () => {
    const book = createLeaseBook();
    book.add("ana", "2026-11", "A1", 10_000, t0);
    book.add("ana", "2026-11", "A2", 10_000, t0);
    book.add("bo", "2026-11", "B1", 10_000, t0);
    expect(book.takePerson("ana", "2026-11").map((l) => l.id)).toEqual(["A1", "A2"]);
    expect(book.unused("ana", "2026-11", t0)).toBe(0);
    expect(book.unused("bo", "2026-11", t0)).toBe(10_000);
  });

  it("remembers for RECENT_MS that it reserved for a person", () => {
    const book = createLeaseBook();
    expect(book.reservedRecently("ana", "2026-11", t0)).toBe(false);
    book.noteReserved("ana", "2026-11", t0);
    expect(book.reservedRecently("ana", "2026-11", t0 + RECENT_MS - 1)).toBe(true);
    expect(book.reservedRecently("ana", "2026-11", t0 + RECENT_MS)).toBe(false);
    expect(book.reservedRecently("ana", "2026-12", t0 + 1)).toBe(false);
  });
});
