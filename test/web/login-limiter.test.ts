import { describe, expect, it } from "vitest";
import { LoginLimiter } from "../../src/web/session/login-limiter.ts";

// Failed sign-ins, counted per address (an IPv6 host by its /64) and per account.

const T0 = 1_000_000;
const fail = (limiter: LoginLimiter, address: string, account: string, times: number) => {
  for (let i = 0; i < times; i++) limiter.recordFailure(address, account, T0);
};

describe("LoginLimiter", () => {
  it("stops an address after 10 failures for the rest of 15 minutes, whatever account it tries", () => {
    const limiter = new LoginLimiter();
    fail(limiter, "203.0.113.7", "alice", 9);
    expect(limiter.wait("203.0.113.7", "bob", T0)).toBeNull();
    fail(limiter, "203.0.113.7", "alice", 1);
    expect(limiter.wait("203.0.113.7", "bob", T0 + 60_000)).toEqual({ seconds: 14 * 60, reason: "address" });
    expect(limiter.wait("203.0.113.8", "bob", T0)).toBeNull();
    expect(limiter.wait("203.0.113.7", "bob", T0 + 15 * 60_000 + 1)).toBeNull();
  });

  it("counts every address of one IPv6 /64 together, however it is written", () => {
    const limiter = new LoginLimiter();
    for (let i = 0; i < 10; i++) limiter.recordFailure(`2001:db8:aa:bb::${i.toString(16)}`, "alice", T0);
    for (const same of ["2001:db8:aa:bb:ffff::1", "2001:0db8:00aa:00bb:1:2:3:4", "2001:DB8:AA:BB::"]) expect(limiter.wait(same, "bob", T0)?.reason, same).toBe("address");
    expect(limiter.wait("2001:db8:aa:bc::1", "bob", T0)).toBeNull();
    expect(limiter.wait("::1", "bob", T0)).toBeNull();
  });

  it("stops guessing one account from many addresses after 100 failures, and only that account", () => {
    const limiter = new LoginLimiter();
    for (let i = 0; i < 100; i++) limiter.recordFailure(`198.51.100.${i}`, "Alice", T0);
    expect(limiter.wait("192.0.2.1", "alice", T0)).toEqual({ seconds: 15 * 60, reason: "account" });
    expect(limiter.wait("192.0.2.1", "bob", T0)).toBeNull();
    // A right password from one address does not clear what the others did to the account.
    limiter.recordSuccess("198.51.100.1");
    expect(limiter.wait("198.51.100.1", "alice", T0)?.reason).toBe("account");
  });

  it("forgets the least recently used counts first when full, so a flood of new addresses does not clear the others", () => {
    const limiter = new LoginLimiter();
    fail(limiter, "203.0.113.7", "alice", 10);
    // 10,000 counts are kept: 4,000 fresh addresses (each also counting against its account) push out none of them.
    for (let i = 0; i < 4_000; i++) limiter.recordFailure(`10.${i >> 8}.${i & 255}.1`, `user${i}`, T0 + 1);
    expect(limiter.wait("203.0.113.7", "carol", T0 + 2)?.reason).toBe("address");
    for (let i = 4_000; i < 9_000; i++) limiter.recordFailure(`10.${i >> 8}.${i & 255}.1`, `user${i}`, T0 + 1);
    expect(limiter.wait("203.0.113.7", "carol", T0 + 2)).toBeNull();
  });
});
