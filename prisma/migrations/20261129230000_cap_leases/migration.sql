-- A cap lease (lib/caps/cap-leases.ts) is a reservation without a tool: tokens of a person's external cap that one
-- server worker reserved at once, to carve that person's next reservations from in memory. Settlement matches usage
-- to reservations of the same tool, so it never takes a lease; the expiry sweep gives back what a lease still holds.
ALTER TABLE "CapReservation" ALTER COLUMN "toolId" DROP NOT NULL;
