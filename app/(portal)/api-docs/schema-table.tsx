// Renders a JSON Schema object (from the OpenAPI document) as a table of fields, following $refs.
type Json = { [k: string]: unknown };

export function resolveRef(schema: Json, components: Record<string, Json>): Json {
  const ref = schema.$ref;
  if (typeof ref === "string") return resolveRef(components[ref.split("/").pop()!] ?? {}, components);
  return schema;
}

export function typeOf(schema: Json, components: Record<string, Json>): string {
  const s = resolveRef(schema, components);
  if (Array.isArray(s.anyOf)) return (s.anyOf as Json[]).map((x) => typeOf(x, components)).join(" | ");
  if (Array.isArray(s.oneOf)) return (s.oneOf as Json[]).map((x) => typeOf(x, components)).join(" | ");
  if (Array.isArray(s.enum)) return (s.enum as unknown[]).map((v) => JSON.stringify(v)).join(" | ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.type === "array") return `${typeOf((s.items as Json) ?? {}, components)}[]`;
  const bits = [String(s.type ?? "any")];
  if (s.format) bits.push(`(${String(s.format)})`);
  if (s.minimum !== undefined || s.maximum !== undefined) bits.push(`${s.minimum ?? ""}…${s.maximum ?? ""}`);
  return bits.join(" ");
}

function nested(schema: Json, components: Record<string, Json>): Json | null {
  const s = resolveRef(schema, components);
  if (s.type === "object" && s.properties) return s;
  if (s.type === "array" && s.items) return nested(s.items as Json, components);
  if (Array.isArray(s.anyOf)) for (const x of s.anyOf as Json[]) if (nested(x, components)) return nested(x, components);
  return null;
}

export function SchemaTable({ schema, components, caption, depth = 0 }: { schema: Json; components: Record<string, Json>; caption: string; depth?: number }) {
  const s = nested(schema, components);
  if (!s) return <p className="font-mono text-xs text-slate-700">{typeOf(schema, components)}</p>;
  const required = new Set((s.required as string[] | undefined) ?? []);
  return (
    <table className="min-w-full divide-y divide-slate-200 text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="bg-slate-50">
        <tr>
          <th scope="col" className="px-2 py-1.5 text-left text-xs font-semibold text-slate-600">Field</th>
          <th scope="col" className="px-2 py-1.5 text-left text-xs font-semibold text-slate-600">Type</th>
          <th scope="col" className="px-2 py-1.5 text-left text-xs font-semibold text-slate-600">Description</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 align-top">
        {Object.entries(s.properties as Record<string, Json>).map(([name, prop]) => {
          const inner = depth < 2 ? nested(prop, components) : null;
          return (
            <tr key={name}>
              <td className="px-2 py-1.5 font-mono text-xs text-slate-900">
                {name}
                {required.has(name) ? <span className="text-red-700" title="required"> *</span> : <span className="text-slate-500"> (optional)</span>}
              </td>
              <td className="px-2 py-1.5 font-mono text-xs text-slate-700">{inner ? (resolveRef(prop, components).type === "array" ? "object[]" : "object") : typeOf(prop, components)}</td>
              <td className="px-2 py-1.5 text-xs text-slate-700">
                {String(resolveRef(prop, components).description ?? prop.description ?? "")}
                {inner && (
                  <div className="mt-1 rounded border border-slate-200">
                    <SchemaTable schema={prop} components={components} caption={`${caption}: ${name}`} depth={depth + 1} />
                  </div>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
