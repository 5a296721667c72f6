import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { notAllowedMessage, type AllowedAddresses } from "./allowed-addresses.ts";

/** The IP address a URL's host is (without the brackets of IPv6), or null for a name. */
export function ipLiteral(hostname: string): string | null {
  const host = hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  return isIP(host) === 0 ? null : host;
}

/** The address a URL's host names without asking DNS (`localhost` is loopback by definition), or null for a name. */
export function literalAddress(hostname: string): string | null {
  const host = hostname.toLowerCase();
  return host === "localhost" || host.endsWith(".localhost") ? "127.0.0.1" : ipLiteral(host);
}

/**
 * A DNS lookup for the socket a delivery opens: it fails unless every address the name resolves to is allowed. The
 * check is on the addresses connected to, so a name that resolves to a public address when subscribing and to an
 * internal one later (DNS rebinding) is caught too. The error names the host, not the address: the delivery log is
 * no way to map a private network.
 */
export function guardedLookup(allowed: AllowedAddresses): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...(options as LookupOptions), all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      const refused = addresses.find((a) => !allowed.allows(a.address));
      if (refused !== undefined || addresses.length === 0) {
        return callback(Object.assign(new Error(refused ? notAllowedMessage(hostname) : `${hostname} has no address`), { code: "EADDRNOTALLOWED" }), "", 0);
      }
      if ((options as LookupOptions).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const [first] = addresses as [LookupAddress];
      callback(null, first.address, first.family);
    });
  };
}
