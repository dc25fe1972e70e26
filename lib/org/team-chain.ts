/** A team followed by its parents up to the root, from a parent map. Stops on a cycle in bad data. */
export function teamChainOf(teamId: string | null, parentOf: Map<string, string | null>): string[] {
  const chain: string[] = [];
  for (let id = teamId; id && !chain.includes(id); id = parentOf.get(id) ?? null) chain.push(id);
  return chain;
}
