"use server";

import { z } from "zod";
import { authedAction } from "@/lib/actions/action-client";
import { verifyAuditChain } from "@/lib/audit/verify-audit";

export const verifyChainAction = authedAction({ roles: ["legal", "admin"], schema: z.object({}) }, async () => {
  const result = await verifyAuditChain();
  return result.ok
    ? { ok: true, message: `Chain intact: all ${result.entries} entries verified.` }
    : { ok: false, message: `Chain broken: entry #${result.firstBrokenSeq} does not match the entry before it or its own hash. Entries from #${result.firstBrokenSeq} on cannot be trusted.` };
});
