// The ready-made settings shown on "Connect your tools", filled with this server's URL and the person's token.
// Each follows its tool's documented settings; tests/unit/tools/connect-snippets.test.ts parses every one and
// tests/integration/tools/* post what the tool would send.

export const OTLP_PATH = "/otlp";
export const OTLP_LOGS_PATH = "/otlp/v1/logs";
export const CLAUDE_CODE_HOOK_PATH = "/api/v1/hooks/claude-code";
export const TOKEN_ENV = "GUARDRAIL_TOKEN";

export type Snippet = { id: string; tool: string; file: string; language: "json" | "toml" | "shell"; text: string; note: string };

function hookEntry(baseUrl: string) {
  return {
    type: "http",
    url: `${baseUrl}${CLAUDE_CODE_HOOK_PATH}`,
    headers: { Authorization: `Bearer $${TOKEN_ENV}` },
    allowedEnvVars: [TOKEN_ENV],
    timeout: 10,
  };
}

/** hooks for settings.json: the three events Guardrail answers. */
export function claudeCodeHooks(baseUrl: string) {
  const hooks = [hookEntry(baseUrl)];
  return {
    SessionStart: [{ hooks }],
    UserPromptSubmit: [{ hooks }],
    PreToolUse: [{ matcher: "*", hooks }],
  };
}

function telemetryEnv(baseUrl: string, bearer: string) {
  return {
    CLAUDE_CODE_ENABLE_TELEMETRY: "1",
    OTEL_LOGS_EXPORTER: "otlp",
    OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
    OTEL_EXPORTER_OTLP_ENDPOINT: `${baseUrl}${OTLP_PATH}`,
    OTEL_EXPORTER_OTLP_HEADERS: `Authorization=Bearer ${bearer}`,
  };
}

export function connectSnippets(baseUrl: string, token: string): Snippet[] {
  const claude = {
    env: { ...telemetryEnv(baseUrl, token), [TOKEN_ENV]: token },
    hooks: claudeCodeHooks(baseUrl),
  };
  const codex = [
    "[otel]",
    'environment = "prod"',
    "log_user_prompt = false",
    `exporter = { otlp-http = { endpoint = ${JSON.stringify(`${baseUrl}${OTLP_LOGS_PATH}`)}, protocol = "binary", headers = { "Authorization" = ${JSON.stringify(`Bearer ${token}`)} } } }`,
    "",
  ].join("\n");
  const gemini = { telemetry: { enabled: true, target: "local", otlpEndpoint: `${baseUrl}${OTLP_PATH}`, otlpProtocol: "http", logPrompts: false } };
  return [
    {
      id: "claude-code",
      tool: "Claude Code",
      file: "~/.claude/settings.json",
      language: "json",
      text: JSON.stringify(claude, null, 2),
      note: "Telemetry (usage) and hooks: Guardrail answers SessionStart, UserPromptSubmit and PreToolUse, and blocks what policy does not allow. Merge into your existing settings.",
    },
    {
      id: "codex",
      tool: "Codex",
      file: "~/.codex/config.toml",
      language: "toml",
      text: codex,
      note: "Telemetry (usage) only: Codex has no hook that can ask Guardrail before it acts.",
    },
    {
      id: "gemini-cli",
      tool: "Gemini CLI",
      file: "~/.gemini/settings.json",
      language: "json",
      text: JSON.stringify(gemini, null, 2),
      note: "Telemetry (usage) only. Gemini CLI takes the token from the environment: add the line below to your shell profile.",
    },
    {
      id: "gemini-cli-env",
      tool: "Gemini CLI",
      file: "~/.profile",
      language: "shell",
      text: `export OTEL_EXPORTER_OTLP_HEADERS=${JSON.stringify(`Authorization=Bearer ${token}`)}\n`,
      note: "The token Gemini CLI's exporter sends (OTEL_EXPORTER_OTLP_HEADERS).",
    },
  ];
}

/**
 * The managed-settings.json an administrator deploys to every machine: telemetry with a gateway key (Claude Code
 * names the signed-in user.email on each event) and the hooks, which take each person's own token from
 * GUARDRAIL_TOKEN in their environment; only managed hooks run.
 */
export function managedSettingsSnippet(baseUrl: string, gatewayKey = "<gateway key with the ingest scope>"): Snippet {
  const managed = { env: telemetryEnv(baseUrl, gatewayKey), hooks: claudeCodeHooks(baseUrl), allowManagedHooksOnly: true };
  return {
    id: "claude-code-managed",
    tool: "Claude Code (managed, for administrators)",
    file: "managed-settings.json (macOS: /Library/Application Support/ClaudeCode/, Linux: /etc/claude-code/)",
    language: "json",
    text: JSON.stringify(managed, null, 2),
    note: "Each engineer sets GUARDRAIL_TOKEN to a personal token (Connect your tools). Without it the hook call gets 401, which Claude Code treats as a non-blocking error.",
  };
}
