import type { Prisma } from "../generated/prisma/client";

/** A Prisma transaction client: what a use case takes when it runs inside a caller's transaction. */
export type Tx = Prisma.TransactionClient;
