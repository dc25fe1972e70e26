"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/action-client";
import { updateActivity } from "@/lib/catalog/update-activity";
import { createProject, updateProject } from "@/lib/catalog/save-project";
import { updateTool } from "@/lib/catalog/update-tool";
import { createVendor } from "@/lib/catalog/create-vendor";
import { createTool } from "@/lib/catalog/create-tool";
import { createActivity } from "@/lib/catalog/create-activity";
import { setCatalogItemArchived } from "@/lib/catalog/archive-catalog-item";
import {
  archiveCatalogItemSchema,
  createActivitySchema,
  createProjectSchema,
  createToolSchema,
  createVendorSchema,
  updateActivitySchema,
  updateProjectSchema,
  updateToolSchema,
} from "@/lib/validation/catalog";

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

export const createVendorAction = authedAction({ roles: ["admin"], schema: createVendorSchema }, async (input, person) => {
  const vendor = await createVendor(actor(person), input);
  revalidatePath("/admin/catalog");
  return `Vendor ${vendor.name} added.`;
});

export const createToolAction = authedAction({ roles: ["admin"], schema: createToolSchema }, async (input, person) => {
  const tool = await createTool(actor(person), input);
  revalidatePath("/admin/catalog");
  return `Tool ${tool.name} added (${tool.status}).`;
});

export const createActivityAction = authedAction({ roles: ["admin"], schema: createActivitySchema }, async (input, person) => {
  const activity = await createActivity(actor(person), input);
  revalidatePath("/admin/catalog");
  return `Activity ${activity.name} added.`;
});

export const archiveCatalogItemAction = authedAction({ roles: ["admin"], schema: archiveCatalogItemSchema }, async (input, person) => {
  const item = await setCatalogItemArchived(actor(person), input);
  revalidatePath("/admin/catalog");
  return `${item.name} ${input.archived ? "archived" : "restored"}.`;
});
