import { z } from "zod";

export const createPersonalTokenSchema = z.object({
  name: z.string().trim().min(1, { error: "Name the token after the machine or tool that will use it." }).max(100, { error: "At most 100 characters." }),
});

export const revokePersonalTokenSchema = z.object({ id: z.uuid({ error: "Unknown token." }) });

const projectKey = z.string().trim().min(1, { error: "Choose a project." }).max(100);

export const addRepositoryMappingSchema = z.object({
  projectKey,
  pattern: z
    .string()
    .trim()
    .min(1, { error: "Give a git remote URL or a path, e.g. github.com/acme/payments-core or /home/*/src/payments-core." })
    .max(500, { error: "At most 500 characters." }),
});

export const removeRepositoryMappingSchema = z.object({ id: z.uuid({ error: "Unknown mapping." }) });

export const setDefaultActivitySchema = z.object({
  projectKey,
  activitySlug: z
    .string()
    .trim()
    .max(100)
    .transform((v) => v || null),
});

export const dismissUnmatchedSchema = z.object({ id: z.uuid({ error: "Unknown row." }) });

export const aliasEmailSchema = z.object({
  email: z.email({ error: "An email address, e.g. ana.personal@gmail.com." }).trim().max(320, { error: "At most 320 characters." }),
  person: z.string().trim().min(1, { error: "Choose the person this email belongs to." }).max(320, { error: "At most 320 characters." }),
});

export const removeEmailAliasSchema = z.object({ id: z.uuid({ error: "Unknown alias." }) });
