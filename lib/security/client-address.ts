import { randomBytes } from "node:crypto";
import { BlockList, isIP } from "node:net";

// The one way to learn a client's address. X-Forwarded-For is written by whoever sends the request, so it only
// counts as far as TRUST_PROXY says: a number of proxy hops in front of the server, or the proxies' addresses.
// Default: no proxy trusted, the address is the connection's.

export type TrustProxy = { hops: number } | { addresses: BlockList };

const LOOPBACK = ["127.0.0.0/8", "::1/128"];

/** Parses TRUST_PROXY: unset/"false"/"0" (none), a hop count ("1"), or addresses and CIDRs ("10.0.0.0/8, loopback"). */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = (value ?? "").trim();
  if (v === "" || v === "false") return { hops: 0 };
  if (/^\d+$/.test(v)) return { hops: Number(v) };
  const list = new BlockList();
  for (const raw of v.split(",").map((s) => s.trim()).filter(Boolean)) {
    for (const entry of raw === "loopback" ? LOOPBACK : [raw]) {
      const [address, prefix, extra] = entry.split("/");
      const family = isIP(address);
      const bits = prefix === undefined ? null : /^\d+$/.test(prefix) ? Number(prefix) : NaN;
      const max = family === 6 ? 128 : 32;
      if (!family || extra !== undefined || (bits !== null && !(bits >= 0 && bits <= max)))
        throw new Error(
          `TRUST_PROXY: "${raw}" is neither a number of proxy hops nor a proxy address or CIDR range (e.g. TRUST_PROXY=1 or TRUST_PROXY=10.0.0.0/8).`,
        );
      const type = family === 6 ? "ipv6" : "ipv4";
      if (bits === null) list.addAddress(address, type);
      else list.addSubnet(address, bits, type);
    }
  }
  return { addresses: list };
}

/** "::ffff:10.0.0.1" (IPv4 on a dual-stack socket) → "10.0.0.1"; the address and its family, or null. */
function normalise(address: string): { address: string; type: "ipv4" | "ipv6" } | null {
  const a = address.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");
  const family = isIP(a);
  return family ? { address: a, type: family === 6 ? "ipv6" : "ipv4" } : null;
}

/**
 * The client's address: the connection's `peer`, or, behind trusted proxies, the address the farthest trusted
 * proxy saw (X-Forwarded-For read from the right, where each proxy appends the address it received from).
 * Never an entry a client could have written in front of a trusted one; an entry that is not an address stops the walk.
 */
export function clientAddress(input: { peer: string | null | undefined; forwardedFor: string | string[] | null | undefined }, trust: TrustProxy): string | null {
  const peer = input.peer ? normalise(input.peer) : null;
  if (!peer) return null;
  const forwarded = (Array.isArray(input.forwardedFor) ? input.forwardedFor.join(",") : (input.forwardedFor ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .reverse();
  let current = peer;
  for (let i = 0; i < forwarded.length; i++) {
    const trusted = "hops" in trust ? i < trust.hops : trust.addresses.check(current.address, current.type);
    if (!trusted) break;
    const next = normalise(forwarded[i]);
    if (!next) break;
    current = next;
  }
  return current.address;
}

const shared = globalThis as unknown as { __guardrailPeerHeader?: string };

/**
 * The request header that carries the connection's address from the HTTP server to the app (Next.js hands route
 * handlers no socket). The server sets it on every request, overwriting anything sent; its name is random per
 * process, so a client cannot supply it. On globalThis: Next bundles this module more than once.
 */
export function peerAddressHeader(): string {
  return (shared.__guardrailPeerHeader ??= `x-guardrail-peer-${randomBytes(8).toString("hex")}`);
}

/** clientAddress for a request the access log has seen (it stamps the peer address header). */
export function requestClientAddress(headers: Pick<Headers, "get">, trust: TrustProxy): string | null {
  return clientAddress({ peer: headers.get(peerAddressHeader()), forwardedFor: headers.get("x-forwarded-for") }, trust);
}
