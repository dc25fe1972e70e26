import { execFileSync } from "node:child_process";

/** A free TCP port on 127.0.0.1, found synchronously (playwright.config.ts cannot await). */
export function freePortSync(): string {
  const script = "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim();
}
