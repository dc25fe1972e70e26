import Link from "next/link";
import { MarkReadButton } from "@/components/inbox/mark-read-button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { formatDateTime } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { requirePerson } from "@/lib/auth/authorize";
import { listInbox } from "@/lib/notifications/inbox";
import { markReadAction } from "./actions";

export const metadata = { title: "Inbox · Guardrail" };

export default async function InboxPage({ searchParams }: { searchParams: Promise<{ show?: string }> }) {
  const person = await requirePerson();
  const unreadOnly = (await searchParams).show === "unread";
  const { items, unread } = await listInbox(person.id, { unreadOnly });

  return (
    <div className="space-y-5">
      <PageHeader
        title="Inbox"
        description={`${unread} unread. Decisions on your requests, requests waiting on you, cap alerts and review assignments.`}
        actions={unread > 0 && <MarkReadButton notificationId="all" label="Mark all as read" action={markReadAction} />}
      />
      <nav aria-label="Inbox filter" className="flex gap-3 text-sm">
        <Link href="/inbox" aria-current={!unreadOnly ? "page" : undefined} className={!unreadOnly ? "font-semibold text-slate-900" : "text-indigo-700 hover:underline"}>
          All
        </Link>
        <Link href="/inbox?show=unread" aria-current={unreadOnly ? "page" : undefined} className={unreadOnly ? "font-semibold text-slate-900" : "text-indigo-700 hover:underline"}>
          Unread ({unread})
        </Link>
      </nav>
      <Card>
        {items.length ? (
          <ul className="divide-y divide-slate-100" aria-label="Notifications">
            {items.map((n) => (
              <li key={n.id} className={`flex items-start gap-3 py-2.5 ${n.readAt ? "" : "bg-indigo-50/40"}`}>
                <span className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${n.readAt ? "bg-transparent" : "bg-indigo-600"}`} aria-hidden="true" />
                <div className="min-w-0 flex-1">
                  <p className={`text-sm ${n.readAt ? "text-slate-700" : "font-semibold text-slate-900"}`}>
                    {!n.readAt && <span className="sr-only">Unread: </span>}
                    {n.link ? (
                      <Link href={n.link} className="hover:underline">
                        {n.title}
                      </Link>
                    ) : (
                      n.title
                    )}
                  </p>
                  <p className="text-sm text-slate-700">{n.body}</p>
                  <p className="text-xs text-slate-500">
                    <time dateTime={n.createdAt.toISOString()}>{formatDateTime(n.createdAt)}</time>
                  </p>
                </div>
                {!n.readAt && <MarkReadButton notificationId={n.id} label="Mark read" action={markReadAction} />}
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title={unreadOnly ? "No unread notifications" : "Your inbox is empty"}>
            You are told here when a request of yours is decided, when something waits on your decision, and when you near your token cap.
          </EmptyState>
        )}
      </Card>
    </div>
  );
}
