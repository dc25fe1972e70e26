import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhook } from "../lib/notifications/webhook-signature";
import { test, expect, signInAs } from "./fixtures";

type Received = { headers: IncomingHttpHeaders; body: string };

// A webhook receiver on the loopback interface, as an operator's service would be.
let server: Server;
let receiverUrl: string;
const received: Received[] = [];
test.beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/guardrail`;
});
test.afterAll(async () => {
  await new Promise((r) => server.close(r));
});

test("an admin adds a signed webhook, publishes an audit checkpoint to it, and redelivers it from the log", async ({ page }) => {
  await signInAs(page, "admin");
  await page.getByRole("navigation").getByRole("link", { name: "Notifications" }).click();
  await expect(page.getByRole("heading", { name: "Notifications" })).toBeVisible();

  const form = page.getByRole("form", { name: "Add a webhook endpoint" });
  await form.getByLabel("Endpoint URL").fill(receiverUrl);
  await form.getByLabel("Description").fill("SIEM intake");
  await form.getByRole("checkbox", { name: /audit\.checkpoint/ }).check();
  await form.getByRole("button", { name: "Add endpoint" }).click();
  const secret = (await page.getByTestId("new-webhook-secret").textContent())!.trim();
  expect(secret).toMatch(/^whsec_/);
  await expect(page.getByRole("table", { name: "Webhook endpoints" }).getByRole("link", { name: receiverUrl })).toBeVisible();

  await page.goto("/admin/audit");
  await page.getByRole("button", { name: "Publish checkpoint now" }).click();
  await expect(page.getByText(/Checkpoint signed at entry #\d+ \(key [0-9a-f]{16}\), published to the checkpoint directory and 1 webhook endpoint\./)).toBeVisible();

  // The server's outbox loop delivers it within a few seconds.
  await expect.poll(() => received.length, { timeout: 15_000 }).toBe(1);
  const [first] = received;
  expect(first.headers["guardrail-event"]).toBe("audit.checkpoint");
  expect(verifyWebhook({ secret, body: first.body, timestamp: first.headers["guardrail-timestamp"] as string, signature: first.headers["guardrail-signature"] as string })).toBe(true);
  const event = JSON.parse(first.body) as { id: string; data: { checkpoint: { seq: string; sig: string } } };
  expect(event.data.checkpoint.sig).toBeTruthy();

  await page.goto("/admin/notifications");
  await page.getByRole("link", { name: receiverUrl }).click();
  await expect(page.getByRole("heading", { name: "Webhook deliveries" })).toBeVisible();
  const log = page.getByRole("table", { name: "Deliveries to this endpoint" });
  await expect(log.getByText("delivered")).toBeVisible();
  await log.getByRole("button", { name: /^Redeliver audit\.checkpoint/ }).click();
  await expect(page.getByText("Queued for redelivery: it goes out within a few seconds.")).toBeVisible();
  await expect.poll(() => received.length, { timeout: 15_000 }).toBe(2);
  expect((JSON.parse(received[1].body) as { id: string }).id).toBe(event.id);
  expect(received[1].headers["guardrail-delivery"]).not.toBe(first.headers["guardrail-delivery"]);
});

test("notification settings: reminder days are validated and saved", async ({ page }) => {
  await signInAs(page, "admin");
  await page.goto("/admin/notifications");
  const form = page.getByRole("form", { name: "Notification settings" });
  await form.getByLabel("Remind approvers after (days)").fill("0");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByText("At least 1 day.")).toBeVisible();
  await form.getByLabel("Remind approvers after (days)").fill("5");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByText("Settings saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("form", { name: "Notification settings" }).getByLabel("Remind approvers after (days)")).toHaveValue("5");
});
