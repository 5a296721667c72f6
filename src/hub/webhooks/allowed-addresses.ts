import { BlockList, isIP } from "node:net";

/**
 * Which addresses webhook deliveries may connect to (`EVALHUB_WEBHOOK_ALLOWED_HOSTS`). Without it, anyone who may
 * subscribe could make the hub post to its own network (a database port, a cloud metadata service) and read the
 * start of the answer in the delivery log. The default, `external`, allows only public addresses.
 *
 * Items, comma-separated: `external` (public addresses), `loopback` (127.0.0.0/8, ::1), `private` (10.0.0.0/8,
 * 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, fc00::/7), an address or CIDR range (e.g. `10.1.2.0/24`), or `*`
 * (everything). Link-local (169.254.0.0/16, where cloud metadata lives; fe80::/10), unspecified, multicast and
 * reserved addresses are never `external`: only `*` or a range that names them lets a delivery reach them.
 */
export class AllowedAddresses {
  private constructor(
    private readonly items: ReadonlySet<string>,
    private readonly ranges: BlockList,
  ) {}

  /** Throws an Error naming the item it cannot read. */
  static parse(text: string): AllowedAddresses {
    const items = new Set<string>();
    const ranges = new BlockList();
    for (const raw of text.split(",")) {
      const item = raw.trim().toLowerCase();
      if (item === "") continue;
      if (KEYWORDS.has(item)) items.add(item);
      else if (!addRange(ranges, item)) throw new Error(`"${item}" is not external, loopback, private, *, an IP address or a CIDR range`);
    }
    if (items.size === 0 && ranges.rules.length === 0) throw new Error("names no addresses");
    return new AllowedAddresses(items, ranges);
  }

  /** Whether a delivery may connect to this IP address. */
  allows(address: string): boolean {
    const family = isIP(address);
    if (family === 0) return false;
    const type = family === 4 ? "ipv4" : "ipv6";
    if (this.items.has("*") || this.ranges.check(address, type)) return true;
    if (LOOPBACK.check(address, type)) return this.items.has("loopback");
    if (PRIVATE.check(address, type)) return this.items.has("private");
    if (NEVER_EXTERNAL.check(address, type)) return false;
    return this.items.has("external");
  }
}

/** Why a delivery may not go to an address: the same words when subscribing and when delivering. */
export const notAllowedMessage = (host: string): string =>
  `webhooks may not be sent to ${host}: loopback, private and link-local addresses are refused unless a site admin allows them (EVALHUB_WEBHOOK_ALLOWED_HOSTS)`;

const KEYWORDS = new Set(["external", "loopback", "private", "*"]);

function addRange(list: BlockList, item: string): boolean {
  const [address = "", prefix, ...rest] = item.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  const type = family === 4 ? "ipv4" : "ipv6";
  if (prefix === undefined) {
    list.addAddress(address, type);
    return true;
  }
  const bits = Number(prefix);
  if (!/^\d{1,3}$/.test(prefix) || bits > (family === 4 ? 32 : 128)) return false;
  list.addSubnet(address, bits, type);
  return true;
}

function blockList(ranges: readonly [string, number, "ipv4" | "ipv6"][]): BlockList {
  const list = new BlockList();
  for (const [address, bits, type] of ranges) list.addSubnet(address, bits, type);
  return list;
}

const LOOPBACK = blockList([["127.0.0.0", 8, "ipv4"], ["::1", 128, "ipv6"]]);
const PRIVATE = blockList([["10.0.0.0", 8, "ipv4"], ["172.16.0.0", 12, "ipv4"], ["192.168.0.0", 16, "ipv4"], ["100.64.0.0", 10, "ipv4"], ["fc00::", 7, "ipv6"]]);
const NEVER_EXTERNAL = blockList([
  ["0.0.0.0", 8, "ipv4"], ["169.254.0.0", 16, "ipv4"], ["192.0.0.0", 24, "ipv4"], ["224.0.0.0", 4, "ipv4"], ["240.0.0.0", 4, "ipv4"],
  ["::", 128, "ipv6"], ["fe80::", 10, "ipv6"], ["ff00::", 8, "ipv6"], ["64:ff9b::", 96, "ipv6"], ["2002::", 16, "ipv6"],
]);
