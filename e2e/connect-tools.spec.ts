import { test, expect, signInAs } from "./fixtures";

// Connect your tools, as an engineer lives it: create a token, copy the Claude Code settings, and Claude Code's
// hook call (made here as Claude Code makes it, from the copied settings) is blocked with a link that opens the
// pre-filled exception form.

type HookHandler = { type: string; url: string; headers: Record<string, string>; allowedEnvVars: string[] };
type ClaudeSettings = { env: Record<string, string>; hooks: Record<string, { hooks: HookHandler[] }[]> };

test("an engineer connects Claude Code and a blocked prompt links to the pre-filled exception form", async ({ page }) => {
  await signInAs(page, "engineer");
  await page.goto("/connect");
  await expect(page.getByRole("heading", { name: "Connect your tools" })).toBeVisible();
  const form = page.getByRole("form", { name: "Create a personal token" });
  await form.getByLabel("Token name").fill(`e2e laptop ${Date.now()}`);
  await form.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-personal-token").textContent())!.trim();
  expect(token).toMatch(/^grp_/);

  const snippet = page.getByRole("region", { name: /Claude Code · ~\/\.claude\/settings\.json/ }).locator("pre");
  await expect(snippet).toContainText(token);
  const settings = JSON.parse((await snippet.textContent())!) as ClaudeSettings;
  const hook = settings.hooks.UserPromptSubmit[0].hooks[0];
  expect(hook.type).toBe("http");
  // Claude Code fills $VAR in header values from the variables the hook lists in allowedEnvVars.
  const headers = Object.fromEntries(
    Object.entries(hook.headers).map(([k, v]) => [k, v.replace(/\$\{?(\w+)\}?/g, (_m, name: string) => (hook.allowedEnvVars.includes(name) ? (settings.env[name] ?? "") : ""))]),
  );

  // A working directory no repository mapping covers: the prompt counts as "other", which needs an exception.
  const res = await page.request.post(hook.url, {
    headers,
    data: { session_id: "e2e-session", transcript_path: "/tmp/e2e.jsonl", cwd: "/home/alex/src/side-project", permission_mode: "default", hook_event_name: "UserPromptSubmit", prompt: "Refactor the parser" },
  });
  expect(res.status()).toBe(200);
  const output = (await res.json()) as { decision?: string; reason?: string };
  expect(output.decision).toBe("block");
  const link = /Request an exception: (\S+)/.exec(output.reason ?? "")?.[1];
  expect(link).toContain("/requests/new?tool=claude-code&activity=other");

  await page.goto(link!);
  const request = page.getByRole("form", { name: "New exception request" });
  await expect(request.getByLabel("Tool")).toHaveValue("claude-code");
  await expect(request.getByLabel("Activity")).toHaveValue("other");

  // The token is listed, with its last use.
  await page.goto("/connect");
  await expect(page.getByRole("table", { name: "Your personal tokens" }).getByText(/e2e laptop/).first()).toBeVisible();
});
