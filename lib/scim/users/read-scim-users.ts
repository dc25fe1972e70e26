import "server-only";
import { prisma } from "@/lib/db/client";
import { userFilterToWhere } from "../filter-to-where";
import { listResponse, projectResource, type ListParams } from "../list-params";
import { scimNotFound } from "../scim-error";
import { scimUserSelect, toScimUser } from "../user-resource";
import { visibleToScim } from "./save-scim-user";

/** GET /Users/{id}: a person as a SCIM User, or 404 (also for people a SCIM client deleted). */
export async function getScimUser(id: string, baseUrl: string) {
  const row = await prisma.user.findFirst({ where: { id, ...visibleToScim }, select: scimUserSelect });
  if (!row) throw scimNotFound("User", id);
  return toScimUser(row, baseUrl);
}

/** GET /Users: filtered in the database, in creation order (stable across pages), startIndex and count applied. */
export async function listScimUsers(params: ListParams, baseUrl: string) {
  const where = { AND: [visibleToScim, ...(params.filter ? [userFilterToWhere(params.filter)] : [])] };
  const [total, rows] = await Promise.all([
    prisma.user.count({ where }),
    params.count === 0
      ? Promise.resolve([])
      : prisma.user.findMany({ where, select: scimUserSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }], skip: params.startIndex - 1, take: params.count }),
  ]);
  const resources = rows.map((r) => projectResource(toScimUser(r, baseUrl), params.attributes, params.excludedAttributes));
  return listResponse(resources, total, params.startIndex);
}
