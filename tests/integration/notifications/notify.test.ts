import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// SMTP must be configured before lib/env is first imported.
const smtpPort = vi.hoisted(() => {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.SMTP_FROM = "Guardrail <guardrail@example.com>";
  return port;
});

import { prisma } from "@/lib/db/client";
import { deliverDueMessages } from "@/lib/notifications/outbox-worker";
import { listInbox, markNotificationsRead } from "@/lib/notifications/inbox";
import { notify } from "@/lib/notifications/notify";
import { useTestDb } from "../../support/test-db";

useTestDb();

/** A minimal SMTP server that records each message's recipients and body. */
function startSmtp(port: number) {
  const messages: { to: string[]; data: string }[] = [];
  const server: Server = createServer((socket) => {
    let to: string[] = [];
    let data: string | null = null;
    let buffer = "";
    socket.write("220 test ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      let i: number;
      while ((i = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (data !== null) {
          if (line === ".") {
            messages.push({ to, data });
            data = null;
            to = [];
            socket.write("250 queued\r\n");
          } else data += `${line}\n`;
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === "EHLO" || cmd === "HELO") socket.write("250 test\r\n");
        else if (cmd === "RCPT") {
          to.push(line.replace(/^RCPT TO:\s*<?([^>]*)>?.*$/i, "$1"));
          socket.write("250 ok\r\n");
        } else if (cmd === "DATA") {
          data = "";
          socket.write("354 go\r\n");
        } else if (cmd === "QUIT") {
          socket.end("221 bye\r\n");
        } else socket.write("250 ok\r\n");
      }
    });
  });
  return new Promise<{ messages: typeof messages; close: () => Promise<void> }>((resolve) =>
    server.listen(port, "127.0.0.1", () => resolve({ messages, close: () => new Promise((r) => server.close(() => r())) })),
  );
}

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let userId: string;
let otherId: string;
beforeAll(async () => {
  smtp = await startSmtp(smtpPort);
  userId = (await prisma.user.create({ data: { email: "ana@example.com", employeeId: "E1", name: "Ana", roles: ["engineer"] } })).id;
  otherId = (await prisma.user.create({ data: { email: "bo@example.com", employeeId: "E2", name: "Bo", roles: ["engineer"] } })).id;
});
afterAll(async () => {
  await smtp.close();
});

describe("notify", () => {
  it("writes the inbox row in the caller's transaction and skips a repeated dedupKey", async () => {
    const input = { userId, kind: "cap.80", title: "80% of your cap used", body: "You have used 80%.", link: "/", dedupKey: "cap80:ana:2026-11" };
    const first = await prisma.$transaction((tx) => notify(tx, input));
    const again = await prisma.$transaction((tx) => notify(tx, input));
    expect(first).toEqual(expect.any(String));
    expect(again).toBeNull();
    expect(await prisma.notification.count({ where: { dedupKey: "cap80:ana:2026-11" } })).toBe(1);
  });

  it("writes nothing when the caller's transaction rolls back, and queues no email", async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        await notify(tx, { userId, kind: "x", title: "Rolled back", body: "never" });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await prisma.notification.count({ where: { title: "Rolled back" } })).toBe(0);
    expect(await prisma.outboxMessage.count({ where: { eventType: "x" } })).toBe(0);
  });

  it("queues the email in the same transaction and the outbox mails it once, with the portal link", async () => {
    const id = await prisma.$transaction((tx) => notify(tx, { userId, kind: "request.approved", title: "Approved: Codex", body: "Manager approved.", link: "/requests/abc" }));
    const queued = await prisma.outboxMessage.findFirstOrThrow({ where: { notificationId: id! } });
    expect(queued).toMatchObject({ channel: "email", status: "pending" });
    const round = await deliverDueMessages();
    expect(round.delivered).toBeGreaterThanOrEqual(1);
    await vi.waitFor(() => expect(smtp.messages.some((m) => m.data.includes("Subject: Approved: Codex"))).toBe(true), { timeout: 5000 });
    const mail = smtp.messages.find((m) => m.data.includes("Subject: Approved: Codex"))!;
    expect(mail.to).toEqual(["ana@example.com"]);
    expect(mail.data).toContain("/requests/abc");
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: id! } })).emailedAt).not.toBeNull();
    expect(await prisma.outboxMessage.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({ status: "delivered", attempts: 1 });
    // Delivered rows are never claimed again.
    expect((await deliverDueMessages()).claimed).toBe(0);
    expect(smtp.messages.filter((m) => m.data.includes("Subject: Approved: Codex"))).toHaveLength(1);
  });

  it("retries an email after the SMTP server was down, and loses nothing", async () => {
    await smtp.close();
    const id = await prisma.$transaction((tx) => notify(tx, { userId, kind: "request.rejected", title: "Rejected: Gemini", body: "No." }));
    const now = new Date();
    expect(await deliverDueMessages({ now })).toMatchObject({ claimed: 1, retrying: 1 });
    const failed = await prisma.outboxMessage.findFirstOrThrow({ where: { notificationId: id! } });
    expect(failed).toMatchObject({ status: "pending", attempts: 1 });
    expect(failed.lastError).toBeTruthy();
    smtp = await startSmtp(smtpPort);
    expect((await deliverDueMessages({ now })).claimed).toBe(0);
    expect(await deliverDueMessages({ now: new Date(now.getTime() + 30_000) })).toMatchObject({ claimed: 1, delivered: 1 });
    await vi.waitFor(() => expect(smtp.messages.some((m) => m.data.includes("Subject: Rejected: Gemini"))).toBe(true), { timeout: 5000 });
  });

  it("inbox: lists newest first with the unread count; marking read is limited to one's own", async () => {
    const before = await listInbox(userId);
    expect(before.unread).toBe(before.items.length);
    const target = before.items[0];
    expect(await markNotificationsRead(otherId, target.id)).toBe(0);
    expect(await markNotificationsRead(userId, target.id)).toBe(1);
    expect((await listInbox(userId)).unread).toBe(before.unread - 1);
    expect((await listInbox(userId, { unreadOnly: true })).items.map((n) => n.id)).not.toContain(target.id);
    expect(await markNotificationsRead(userId, "all")).toBe(before.unread - 1);
    expect((await listInbox(userId)).unread).toBe(0);
  });
});
