import "server-only";
import { prisma } from "@/lib/db/client";

export const INBOX_PAGE_SIZE = 100;

/** The person's newest notifications, unread first within the page's order of time. */
export async function listInbox(userId: string, options: { unreadOnly?: boolean } = {}) {
  const where = { userId, ...(options.unreadOnly ? { readAt: null } : {}) };
  const [items, unread] = await Promise.all([
    prisma.notification.findMany({
      where,
      orderBy: { createdAt: "desc" },
      take: INBOX_PAGE_SIZE,
      select: { id: true, kind: true, title: true, body: true, link: true, createdAt: true, readAt: true },
    }),
    prisma.notification.count({ where: { userId, readAt: null } }),
  ]);
  return { items, unread };
}

/**
 * Marks one notification (or "all") read. Ownership in the where clause: another person's id changes nothing.
 * Not audited: reading one's own inbox changes no compliance record.
 */
export async function markNotificationsRead(userId: string, notificationId: string | "all", now = new Date()): Promise<number> {
  const { count } = await prisma.notification.updateMany({
    where: { userId, readAt: null, ...(notificationId === "all" ? {} : { id: notificationId }) },
    data: { readAt: now },
  });
  return count;
}
