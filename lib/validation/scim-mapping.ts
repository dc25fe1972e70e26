import { z } from "zod";

const ROLES = ["engineer", "manager", "legal", "admin"] as const;

export const createGroupMappingSchema = z
  .object({
    groupName: z.string().trim().min(1, { error: "Name the identity-provider group, as it is pushed (its displayName)." }).max(200, { error: "At most 200 characters." }),
    teamId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid({ error: "Unknown team." }).optional()),
    role: z.preprocess((v) => (v === "" ? undefined : v), z.enum(ROLES, { error: "Unknown role." }).optional()),
  })
  .refine((m) => m.teamId || m.role, { error: "Choose a team, a role, or both.", path: ["teamId"] });
export type CreateGroupMappingInput = z.infer<typeof createGroupMappingSchema>;

export const removeGroupMappingSchema = z.object({ id: z.uuid({ error: "Unknown mapping." }) });
