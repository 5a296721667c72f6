import { describe, expect, it } from "vitest";
import { AllowedAddresses } from "../../../src/hub/webhooks/allowed-addresses.ts";

// Where webhook deliveries may connect: public addresses by default, the hub's own network only when a site admin
// says so (EVALHUB_WEBHOOK_ALLOWED_HOSTS).

const allowedBy = (setting: string, addresses: readonly string[]) => addresses.filter((a) => AllowedAddresses.parse(setting).allows(a));

const PUBLIC = ["8.8.8.8", "93.184.215.14", "2606:4700:4700::1111"];
const LOOPBACK = ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"];
const PRIVATE = ["10.0.0.5", "172.16.9.1", "172.31.255.255", "192.168.1.1", "100.64.0.1", "fd12::1", "::ffff:10.0.0.1"];
const NEVER = ["169.254.169.254", "fe80::1", "0.0.0.0", "::", "224.0.0.1", "255.255.255.255", "64:ff9b::a00:1", "2002:a00:1::1"];
const ALL = [...PUBLIC, ...LOOPBACK, ...PRIVATE, ...NEVER];

describe("AllowedAddresses", () => {
  it("by default (external) allows public addresses only: no loopback, private, link-local (cloud metadata) or special ones", () => {
    expect(allowedBy("external", ALL)).toEqual(PUBLIC);
    expect(allowedBy("external", ["172.15.255.255", "172.32.0.1", "100.63.255.255", "192.169.0.1"])).toEqual(["172.15.255.255", "172.32.0.1", "100.63.255.255", "192.169.0.1"]);
  });

  it("adds loopback, private networks and named ranges when told, and everything with *", () => {
    expect(allowedBy("loopback", ALL)).toEqual(LOOPBACK);
    expect(allowedBy("external, private", ALL)).toEqual([...PUBLIC, ...PRIVATE]);
    expect(allowedBy("10.0.0.0/24,169.254.169.254", ALL)).toEqual(["10.0.0.5", "::ffff:10.0.0.1", "169.254.169.254"]);
    expect(allowedBy("*", ALL)).toEqual(ALL);
    expect(AllowedAddresses.parse("external").allows("not-an-address")).toBe(false);
  });

  it("refuses a setting it cannot read, naming the item", () => {
    expect(() => AllowedAddresses.parse("external,intranet")).toThrow('"intranet" is not external, loopback, private, *, an IP address or a CIDR range');
    expect(() => AllowedAddresses.parse("10.0.0.0/33")).toThrow('"10.0.0.0/33"');
    expect(() => AllowedAddresses.parse("10.0.0.0/8/1")).toThrow('"10.0.0.0/8/1"');
    expect(() => AllowedAddresses.parse(" , ")).toThrow("names no addresses");
  });
});
