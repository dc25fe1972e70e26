// How people and messages name an exception request, and where it lives in the portal. Pure.

/** "Codex for Product code on ads-ranking": how people name a request. */
export function describeRequest(r: { tool: { name: string }; activity: { name: string }; project: { key: string } | null }): string {
  return `${r.tool.name} for ${r.activity.name}${r.project ? ` on ${r.project.key}` : ""}`;
}

export const requestLink = (id: string) => `/requests/${id}`;
