import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/authorize";
import { machineApiOpenApiDocument } from "@/lib/machine-api/openapi-document";
import { SchemaTable } from "./schema-table";

export const metadata = { title: "API reference · Guardrail" };

type Json = { [k: string]: unknown };
type Operation = { summary?: string; description?: string; "x-scope"?: string; parameters?: Json[]; requestBody?: { content: Record<string, { schema: Json }> }; responses: Record<string, { description: string; content?: Record<string, { schema: Json }> }> };

const EXAMPLES: Record<string, string> = {
  "POST /api/v1/decisions": `curl -s $GUARDRAIL/api/v1/decisions -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" \\
  -d '{"user":"engineer@example.com","tool":"claude-code","activity":"product-code","project":"ads-ranking","estimatedTokens":12000}'`,
  "POST /api/v1/usage-events": `curl -s $GUARDRAIL/api/v1/usage-events -H "Authorization: Bearer $KEY" -H "Content-Type: application/x-ndjson" \\
  --data-binary $'{"id":"gw1-000001","occurredAt":"2026-11-20T10:15:00Z","user":"engineer@example.com","tool":"claude-code","project":"infra-ci","activity":"test-infrastructure","inputTokens":5300,"outputTokens":1200}\\n'`,
  "GET /api/v1/usage/summary": `curl -s "$GUARDRAIL/api/v1/usage/summary?groupBy=tool&format=csv" -H "Authorization: Bearer $KEY"`,
  "GET /api/v1/audit": `curl -s "$GUARDRAIL/api/v1/audit?after=0&limit=100" -H "Authorization: Bearer $KEY"`,
  "GET /api/v1/audit/verify": `curl -s $GUARDRAIL/api/v1/audit/verify -H "Authorization: Bearer $KEY"`,
};

export default async function ApiDocsPage() {
  await requireRole("admin");
  const doc = (await machineApiOpenApiDocument()) as unknown as { info: { description: string }; servers: { url: string }[]; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Json> } };
  const components = doc.components.schemas;
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })));
  return (
    <div className="space-y-5">
      <PageHeader
        title="API reference"
        description={
          <>
            {doc.info.description} Base URL <code className="font-mono">{doc.servers[0].url}</code>. The machine-readable document is at{" "}
            <a className="text-indigo-700 underline" href="/api/v1/openapi.json">
              /api/v1/openapi.json
            </a>
            ; keys are made on <Link className="text-indigo-700 underline" href="/admin/api-keys">API keys</Link>.
          </>
        }
      />
      <nav aria-label="Endpoints" className="flex flex-wrap gap-2 text-sm">
        {operations.map(({ path, method }) => (
          <a key={method + path} href={`#${method}-${path}`} className="rounded border border-slate-200 bg-white px-2 py-1 font-mono text-xs hover:bg-slate-50">
            {method} {path}
          </a>
        ))}
      </nav>
      {operations.map(({ path, method, op }) => {
        const body = op.requestBody?.content;
        return (
          <section key={method + path} id={`${method}-${path}`} aria-labelledby={`h-${method}-${path}`} className="scroll-mt-4">
            <Card
              title={
                <span id={`h-${method}-${path}`} className="flex flex-wrap items-center gap-2">
                  <Badge tone={method === "GET" ? "info" : "success"}>{method}</Badge>
                  <code className="font-mono">{path}</code>
                  <span className="font-normal text-slate-600">{op.summary}</span>
                </span>
              }
              actions={op["x-scope"] ? <Badge>scope: {op["x-scope"]}</Badge> : undefined}
            >
              <div className="space-y-4">
                {op.description && <p className="text-sm text-slate-700">{op.description}</p>}
                {op.parameters?.length ? (
                  <div>
                    <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Query parameters</h3>
                    <SchemaTable
                      schema={{ type: "object", properties: Object.fromEntries(op.parameters.map((p) => [p.name as string, { ...(p.schema as Json), description: p.description }])), required: op.parameters.filter((p) => p.required).map((p) => p.name) }}
                      components={components}
                      caption={`${method} ${path} query parameters`}
                    />
                  </div>
                ) : null}
                {body && (
                  <div>
                    <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Request body ({Object.keys(body).join(" or ")})</h3>
                    <SchemaTable schema={Object.values(body)[0].schema} components={components} caption={`${method} ${path} request body`} />
                  </div>
                )}
                <div>
                  <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Responses</h3>
                  <dl className="space-y-3">
                    {Object.entries(op.responses).map(([status, r]) => (
                      <div key={status}>
                        <dt className="text-sm">
                          <Badge tone={status.startsWith("2") ? "success" : "warning"}>{status}</Badge> <span className="text-slate-700">{r.description}</span>
                        </dt>
                        {status.startsWith("2") && r.content?.["application/json"] && (
                          <dd className="mt-1">
                            <SchemaTable schema={r.content["application/json"].schema} components={components} caption={`${method} ${path} ${status} response`} />
                          </dd>
                        )}
                      </div>
                    ))}
                  </dl>
                </div>
                {EXAMPLES[`${method} ${path}`] && (
                  <div>
                    <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Example</h3>
                    <pre className="overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100">{EXAMPLES[`${method} ${path}`]}</pre>
                  </div>
                )}
              </div>
            </Card>
          </section>
        );
      })}
    </div>
  );
}
