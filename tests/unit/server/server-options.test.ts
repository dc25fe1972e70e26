import { describe, expect, it } from "vitest";
import { serverOptionsFromArgs } from "@/lib/server/http-server";

describe("server arguments", () => {
  it("takes -p/--port and -H/--hostname as `next start` did, and --dev", () => {
    expect(serverOptionsFromArgs(["-p", "8080", "-H", "127.0.0.1"])).toMatchObject({ port: 8080, hostname: "127.0.0.1", dev: false, machineOnly: false });
    expect(serverOptionsFromArgs(["--port=9000", "--hostname=0.0.0.0", "--dev"])).toMatchObject({ port: 9000, hostname: "0.0.0.0", dev: true });
  });

  it("refuses what it does not know instead of ignoring it", () => {
    expect(() => serverOptionsFromArgs(["--turbo"])).toThrow(/unknown argument "--turbo"/);
    expect(() => serverOptionsFromArgs(["-p", "http"])).toThrow(/not a port/);
  });
});
