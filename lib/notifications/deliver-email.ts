import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";

// Transactional outbox: notify() writes the row inside the caller's transaction and schedules its id here.
// The email is sent only once the row is visible outside that transaction (it committed); a rolled-back
// notification never becomes visible and is never mailed. emailedAt is claimed before sending, so two
// processes never mail the same row.
const RETRY_DELAYS_MS = [25, 250, 1_000, 5_000, 15_000];

let transporter: Transporter | null = null;
function mailer(): Transporter {
  transporter ??= nodemailer.createTransport(env.SMTP_URL!);
  return transporter;
}

export function scheduleEmailDelivery(notificationId: string, attempt = 0) {
  const delay = RETRY_DELAYS_MS[attempt];
  if (delay === undefined) return;
  const timer = setTimeout(() => {
    deliverNotificationEmail(notificationId)
      .then((outcome) => {
        if (outcome === "not_visible") scheduleEmailDelivery(notificationId, attempt + 1);
      })
      .catch((err) => console.error(`[notify] email for notification ${notificationId} failed:`, err));
  }, delay);
  timer.unref?.();
}

export type DeliveryOutcome = "sent" | "not_visible" | "already_sent" | "no_smtp";

/** Sends the email copy of one committed notification. */
export async function deliverNotificationEmail(notificationId: string): Promise<DeliveryOutcome> {
  if (!env.SMTP_URL) return "no_smtp";
  const row = await prisma.notification.findUnique({
    where: { id: notificationId },
    select: { id: true, title: true, body: true, link: true, emailedAt: true, user: { select: { email: true, name: true } } },
  });
  if (!row) return "not_visible";
  if (row.emailedAt) return "already_sent";
  const claimed = await prisma.notification.updateMany({ where: { id: row.id, emailedAt: null }, data: { emailedAt: new Date() } });
  if (claimed.count === 0) return "already_sent";
  const link = row.link ? `${env.publicUrl}${row.link}` : null;
  try {
    await mailer().sendMail({
      from: env.SMTP_FROM ?? "Guardrail <guardrail@localhost>",
      to: { name: row.user.name, address: row.user.email },
      subject: row.title,
      text: link ? `${row.body}\n\n${link}` : row.body,
    });
  } catch (err) {
    // Release the claim so a later attempt can try again.
    await prisma.notification.updateMany({ where: { id: row.id }, data: { emailedAt: null } });
    throw err;
  }
  return "sent";
}
