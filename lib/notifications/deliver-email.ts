import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { prisma } from "@/lib/db/client";
import { env } from "@/lib/env";

let transporter: Transporter | null = null;
function mailer(): Transporter {
  transporter ??= nodemailer.createTransport(env.SMTP_URL!);
  return transporter;
}

/**
 * Sends the email copy of one committed inbox notification. Called by the outbox worker for a claimed
 * "email" message; a thrown error is retried by the worker with backoff.
 */
export async function sendNotificationEmail(notificationId: string): Promise<void> {
  if (!env.SMTP_URL) throw new Error("SMTP_URL is not configured");
  const row = await prisma.notification.findUnique({
    where: { id: notificationId },
    select: { id: true, title: true, body: true, link: true, user: { select: { email: true, name: true, active: true } } },
  });
  // Deleted (never happens today) or the person left: nothing to send, and nothing to retry.
  if (!row || !row.user.active) return;
  const link = row.link ? `${env.publicUrl}${row.link}` : null;
  await mailer().sendMail({
    from: env.SMTP_FROM ?? "Guardrail <guardrail@localhost>",
    to: { name: row.user.name, address: row.user.email },
    subject: row.title,
    text: link ? `${row.body}\n\n${link}` : row.body,
  });
  await prisma.notification.update({ where: { id: row.id }, data: { emailedAt: new Date() } });
}
