import "server-only";
import { prisma } from "@/lib/db/client";
import { appendAudit, type Actor } from "@/lib/audit/append-audit";
import { invalidatePolicySnapshot } from "@/lib/policy/policy-snapshot";
import { scimNotFound } from "../scim-error";
import { stopPersonAccess } from "@/lib/people/stop-person-access";
import { SCIM_DEACTIVATION_REASON } from "../scim-deactivation";
import { SCIM_DELETED, visibleToScim } from "./save-scim-user";

/**
 * DELETE /Users/{id}. Nothing of the person's history is deleted: they are deactivated (decisions deny with
 * user_inactive, running grants are revoked, pending requests withdrawn), leave their groups and stop being a SCIM resource (GET answers
 * 404, the userName is free again; a later POST with their email takes the record back).
 */
export async function deleteScimUser(actor: Actor, id: string, now = new Date()): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const row = await tx.user.findFirst({ where: { id, ...visibleToScim }, select: { id: true, active: true, userName: true, externalId: true, email: true } });
    if (!row) throw scimNotFound("User", id);
    const { revokedGrantIds, withdrawnRequestIds } = row.active
      ? await stopPersonAccess(tx, { userId: id, actor, reason: SCIM_DEACTIVATION_REASON, now })
      : { revokedGrantIds: [], withdrawnRequestIds: [] };
    const { count: groupsLeft } = await tx.scimGroupMember.deleteMany({ where: { userId: id } });
    await tx.user.update({ where: { id }, data: { provisioningSource: SCIM_DELETED, userName: null, userNameKey: null, externalId: null } });
    await appendAudit(tx, {
      actor,
      action: "scim.user.deleted",
      entityType: "user",
      entityId: id,
      data: { email: row.email, userName: row.userName, externalId: row.externalId, wasActive: row.active, revokedGrantIds, withdrawnRequestIds, groupsLeft },
    });
  });
  invalidatePolicySnapshot();
}
