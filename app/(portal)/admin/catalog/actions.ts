"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/action-client";
import { updateActivity } from "@/lib/catalog/update-activity";
import { createProject, updateProject } from "@/lib/catalog/save-project";
import { updateTool } from "@/lib/catalog/update-tool";
import { createProjectSchema, updateActivitySchema, updateProjectSchema, updateToolSchema } from "@/lib/validation/catalog";

const actor = (person: { id: string }) => ({ type: "user" as const, id: person.id });

export const updateToolAction = authedAction({ roles: ["admin"], schema: updateToolSchema }, async (input, person) => {
  const tool = await updateTool(actor(person), input);
  revalidatePath("/admin/catalog");
  return `${tool.name} saved: ${tool.status}.`;
});

export const updateActivityAction = authedAction({ roles: ["admin"], schema: updateActivitySchema }, async (input, person) => {
  const activity = await updateActivity(actor(person), input);
  revalidatePath("/admin/catalog");
  return `${activity.name} saved.`;
});

export const createProjectAction = authedAction({ roles: ["admin"], schema: createProjectSchema }, async (input, person) => {
  const project = await createProject(actor(person), input);
  revalidatePath("/admin/catalog");
  return `Project ${project.key} added.`;
});

export const updateProjectAction = authedAction({ roles: ["admin"], schema: updateProjectSchema }, async (input, person) => {
  const project = await updateProject(actor(person), input);
  revalidatePath("/admin/catalog");
  return `${project.key} saved.`;
});
