"use server";

import { revalidatePath } from "next/cache";
import { authedAction } from "@/lib/actions/action-client";
import { markNotificationsRead } from "@/lib/notifications/inbox";
import { markReadSchema } from "@/lib/validation/notifications";

export const markReadAction = authedAction({ schema: markReadSchema }, async (input, person) => {
  const count = await markNotificationsRead(person.id, input.notificationId);
  revalidatePath("/inbox");
  return count === 1 ? "Marked as read." : `${count} marked as read.`;
});
