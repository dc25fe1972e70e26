import { test, expect, signInAs, DEMO_EMAIL } from "./fixtures";

// Admin → Unmatched telemetry, as an admin lives it: Claude Code reports usage under an address Guardrail does not
// know (the manager signed in with a personal account), the record is refused and the email shows as unmatched;
// the admin aliases it to the manager, and the exporter's retry of the same record counts for them (the manager: the
// other journeys that ingest run as the engineer, and the suite runs two workers).

type Summary = { rows: { key: string; label: string; events: number; inputTokens: number }[] };

test("an admin aliases an unmatched email and the resent OTLP record counts for the person", async ({ page, request, apiHeaders }) => {
  const email = `sam.personal.${Date.now()}@gmail.com`;
  const at = new Date(Date.now() - 60_000);
  const kv = (key: string, value: string) => ({ key, value: { stringValue: value } });
  // One Claude Code api_request log record (Monitoring usage), as OTLP/JSON.
  const batch = {
    resourceLogs: [
      {
        resource: { attributes: [kv("service.name", "claude-code"), kv("service.version", "2.1.0"), kv("guardrail.activity", "test-infrastructure")] },
        scopeLogs: [
          {
            scope: { name: "com.anthropic.claude_code.events" },
            logRecords: [
              {
                timeUnixNano: String(BigInt(at.getTime()) * 1_000_000n),
                body: { stringValue: "claude_code.api_request" },
                attributes: [
                  kv("event.name", "api_request"),
                  kv("event.timestamp", at.toISOString()),
                  kv("event.sequence", "1"),
                  kv("session.id", `e2e-alias-${Date.now()}`),
                  kv("user.email", email),
                  kv("model", "claude-sonnet-4-5"),
                  kv("input_tokens", "4321"),
                  kv("output_tokens", "123"),
                ],
              },
            ],
          },
        ],
      },
    ],
  };
  const send = async () => {
    const res = await request.post("/otlp/v1/logs", { headers: apiHeaders, data: batch });
    expect(res.status()).toBe(200);
    return (await res.json()) as { partialSuccess?: { rejectedLogRecords?: number | string; errorMessage?: string } };
  };
  const managerTotals = async () => {
    const res = await request.get("/api/v1/usage/summary?groupBy=user", { headers: apiHeaders });
    expect(res.status()).toBe(200);
    const row = ((await res.json()) as Summary).rows.find((r) => r.key === DEMO_EMAIL.manager || r.label.includes(DEMO_EMAIL.manager));
    return { events: row?.events ?? 0, inputTokens: row?.inputTokens ?? 0 };
  };

  const refused = await send();
  expect(Number(refused.partialSuccess?.rejectedLogRecords)).toBe(1);
  const before = await managerTotals();

  await signInAs(page, "admin");
  await page.goto("/admin/unmatched-telemetry");
  const unmatched = page.getByRole("table", { name: "Unmatched names" });
  const row = unmatched.getByRole("row").filter({ hasText: email });
  await expect(row).toBeVisible();
  const form = row.getByRole("form", { name: `Alias ${email} to a person` });
  await form.getByLabel("Alias to person").fill(DEMO_EMAIL.manager);
  await form.getByRole("button", { name: "Alias" }).click();
  // The row leaves the unmatched names (its form with it) and shows among the aliases, with the person.
  const aliases = page.getByRole("table", { name: "Email aliases" });
  await expect(aliases.getByRole("row").filter({ hasText: email })).toContainText(DEMO_EMAIL.manager);
  await expect(unmatched.getByText(email)).toHaveCount(0);

  // The exporter retries the same record: it is accepted now, for the manager, and counts once.
  expect((await send()).partialSuccess?.rejectedLogRecords ?? 0).toBe(0);
  await send();
  const after = await managerTotals();
  expect(after.events - before.events).toBe(1);
  expect(after.inputTokens - before.inputTokens).toBe(4321);

  // Removing the alias makes the email unknown again.
  await aliases.getByRole("button", { name: `Remove the alias ${email}` }).click();
  await expect(aliases.getByText(email)).toHaveCount(0);
  expect(Number((await send()).partialSuccess?.rejectedLogRecords)).toBe(1);
});
