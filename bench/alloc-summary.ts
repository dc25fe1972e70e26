// Bytes allocated per function in an allocation profile from bench/alloc-sampler.cjs (or any .heapprofile):
//   npx tsx bench/alloc-summary.ts .data/alloc-profiles/<pid>.heapprofile [top=30]
import { readFileSync } from "node:fs";

type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: ProfileNode[] };
type Profile = { head: ProfileNode; samples: { nodeId: number; size: number }[] };

const [file, top = "30"] = process.argv.slice(2);
if (!file) throw new Error("usage: npx tsx bench/alloc-summary.ts <file.heapprofile> [top]");
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const bytesOf = new Map<number, number>();
for (const s of profile.samples) bytesOf.set(s.nodeId, (bytesOf.get(s.nodeId) ?? 0) + s.size);

const byFunction = new Map<string, number>();
let total = 0;
const stack = [profile.head];
while (stack.length) {
  const node = stack.pop()!;
  const bytes = bytesOf.get(node.id) ?? 0;
  total += bytes;
  const { functionName, url, lineNumber } = node.callFrame;
  const key = `${functionName || "(anonymous)"} ${url.split("/").slice(-2).join("/")}:${lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + bytes);
  stack.push(...(node.children ?? []));
}
console.log(`allocated: ${(total / 1e6).toFixed(1)} MB (sampled)`);
for (const [key, bytes] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) {
  console.log(`${((100 * bytes) / total).toFixed(1).padStart(5)} %  ${(bytes / 1e6).toFixed(1).padStart(7)} MB  ${key}`);
}
