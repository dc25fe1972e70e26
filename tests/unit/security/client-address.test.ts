import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustProxy, peerAddressHeader, requestClientAddress } from "@/lib/security/client-address";

// Finding 6 of issue 15: the sign-in rate limit trusted X-Forwarded-For from anyone, so an attacker got a fresh
// bucket per request by sending a new header. Proxy headers now count only as far as TRUST_PROXY says.
describe("parseTrustProxy", () => {
  it.each([
    [undefined, { hops: 0 }],
    ["", { hops: 0 }],
    ["false", { hops: 0 }],
    ["0", { hops: 0 }],
    ["1", { hops: 1 }],
    [" 2 ", { hops: 2 }],
  ])("%j → %j", (value, expected) => {
    expect(parseTrustProxy(value)).toMatchObject(expected);
  });

  it("takes addresses and CIDR ranges, IPv4 and IPv6, and the loopback keyword", () => {
    const t = parseTrustProxy("10.0.0.0/8, 192.0.2.10,2001:db8::/32, loopback");
    expect("addresses" in t).toBe(true);
  });

  it.each(["true", "-1", "1.5", "10.0.0.0/33", "not-an-address", "10.0.0.1, nope", "::1/129"])("refuses %j with a sentence", (value) => {
    expect(() => parseTrustProxy(value)).toThrow(/TRUST_PROXY/);
  });
});

describe("clientAddress", () => {
  const xff = "198.51.100.1, 203.0.113.5, 10.0.0.2";

  it("ignores X-Forwarded-For by default: the address is the connection's", () => {
    expect(clientAddress({ peer: "10.0.0.3", forwardedFor: xff }, parseTrustProxy(undefined))).toBe("10.0.0.3");
    expect(clientAddress({ peer: null, forwardedFor: xff }, parseTrustProxy(undefined))).toBeNull();
  });

  it("counts hops from the right: each trusted proxy appended the address it saw", () => {
    const at = (hops: number) => clientAddress({ peer: "10.0.0.3", forwardedFor: xff }, parseTrustProxy(String(hops)));
    expect(at(0)).toBe("10.0.0.3");
    expect(at(1)).toBe("10.0.0.2");
    expect(at(2)).toBe("203.0.113.5");
    expect(at(3)).toBe("198.51.100.1");
    // More hops configured than the header holds: the farthest address there is.
    expect(at(5)).toBe("198.51.100.1");
  });

  it("with one trusted hop, addresses a client prepends are never used", () => {
    const trust = parseTrustProxy("1");
    // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the real address.
    expect(clientAddress({ peer: "10.0.0.3", forwardedFor: "1.2.3.4, 198.51.100.7" }, trust)).toBe("198.51.100.7");
    expect(clientAddress({ peer: "10.0.0.3", forwardedFor: ["1.2.3.4", "198.51.100.7"] }, trust)).toBe("198.51.100.7");
    expect(clientAddress({ peer: "10.0.0.3", forwardedFor: null }, trust)).toBe("10.0.0.3");
  });

  it("with a list, walks from the right while the address is a trusted proxy", () => {
    const trust = parseTrustProxy("10.0.0.0/8");
    expect(clientAddress({ peer: "10.0.0.3", forwardedFor: "1.2.3.4, 198.51.100.7, 10.1.1.1" }, trust)).toBe("198.51.100.7");
    // The connection is not from a trusted proxy: its header means nothing.
    expect(clientAddress({ peer: "203.0.113.9", forwardedFor: "1.2.3.4" }, trust)).toBe("203.0.113.9");
    // Everything trusted: the leftmost.
    expect(clientAddress({ peer: "10.0.0.3", forwardedFor: "10.9.9.9" }, trust)).toBe("10.9.9.9");
    // IPv4-mapped IPv6 peers (a dual-stack socket) match IPv4 ranges.
    expect(clientAddress({ peer: "::ffff:10.0.0.3", forwardedFor: "198.51.100.7" }, trust)).toBe("198.51.100.7");
    expect(clientAddress({ peer: "::1", forwardedFor: "198.51.100.7" }, parseTrustProxy("loopback"))).toBe("198.51.100.7");
    expect(clientAddress({ peer: "2001:db8::5", forwardedFor: "198.51.100.7" }, parseTrustProxy("2001:db8::/32"))).toBe("198.51.100.7");
  });

  it("stops at an entry that is not an address instead of using it", () => {
    expect(clientAddress({ peer: "10.0.0.3", forwardedFor: "junk, 198.51.100.7" }, parseTrustProxy("2"))).toBe("198.51.100.7");
    expect(clientAddress({ peer: "10.0.0.3", forwardedFor: "junk" }, parseTrustProxy("1"))).toBe("10.0.0.3");
  });
});

describe("requestClientAddress", () => {
  it("reads the connection's address from the header only the server sets, and X-Forwarded-For as configured", () => {
    const headers = new Headers({ [peerAddressHeader()]: "10.0.0.3", "x-forwarded-for": "1.2.3.4", "x-real-ip": "5.6.7.8" });
    expect(requestClientAddress(headers, parseTrustProxy(undefined))).toBe("10.0.0.3");
    expect(requestClientAddress(headers, parseTrustProxy("1"))).toBe("1.2.3.4");
    // The header name is secret per process: a client cannot guess it to claim an address.
    expect(peerAddressHeader()).toMatch(/^x-guardrail-peer-[0-9a-f]{16}$/);
    expect(requestClientAddress(new Headers({ "x-forwarded-for": "1.2.3.4" }), parseTrustProxy(undefined))).toBeNull();
  });
});
