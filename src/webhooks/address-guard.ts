// callbackUrl is attacker-controlled: without a guard, any API key could make the server POST
// to its own loopback, the private network or the cloud metadata endpoint (SSRF). The guard
// refuses every address that is not public unicast, checks every address a name resolves to,
// and hands the connection the address it checked, so a name that resolves differently a
// moment later (DNS rebinding) cannot slip through.
import { lookup as dnsLookup } from 'node:dns';
import { isIPv4, isIPv6 } from 'node:net';
import { BadRequest } from '../errors.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** dns.lookup with { all: true }; injectable for tests. */
export type LookupAll = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemLookup: LookupAll = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addrs) => {
      if (err) reject(err);
      else resolve(addrs.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 })));
    });
  });

/** A callback that may not be sent; `message` is a sentence for the mission's owner. */
export class RefusedCallback extends Error {}

// ---- IPv4 ---------------------------------------------------------------------------------

/**
 * Parses IPv4 the way inet_aton (and the WHATWG URL parser) do: 1 to 4 parts, each decimal,
 * octal (leading 0) or hex (0x); the last part fills the remaining bytes. So 2130706433,
 * 0177.0.0.1, 0x7f.1 and 127.1 are all 127.0.0.1. Returns the address as a 32-bit number.
 */
export function parseIPv4(host: string): number | null {
  const parts = host.replace(/\.$/, '').split('.');
  if (parts.length < 1 || parts.length > 4) return null;
  const nums: number[] = [];
  for (const p of parts) {
    let n: number;
    if (/^0x[0-9a-f]*$/i.test(p)) n = p.length === 2 ? 0 : parseInt(p.slice(2), 16);
    else if (/^0[0-7]*$/.test(p)) n = p.length === 1 ? 0 : parseInt(p.slice(1), 8);
    else if (/^[1-9][0-9]*$/.test(p)) n = parseInt(p, 10);
    else return null;
    if (!Number.isSafeInteger(n)) return null;
    nums.push(n);
  }
  const last = nums.pop()!;
  if (nums.some((n) => n > 255) || last >= 256 ** (4 - nums.length)) return null;
  return nums.reduce((acc, n, i) => acc + n * 256 ** (3 - i), 0) + last;
}

const v4 = (a: number, b: number, c: number, d: number) => ((a << 24) >>> 0) + (b << 16) + (c << 8) + d;

/** [network, prefix length, reason] — reasons finish "…is a/an <reason> address". */
const V4_RANGES: [number, number, string][] = [
  [v4(0, 0, 0, 0), 8, 'unspecified ("this network")'],
  [v4(10, 0, 0, 0), 8, 'private'],
  [v4(100, 64, 0, 0), 10, 'shared (carrier-grade NAT)'],
  [v4(127, 0, 0, 0), 8, 'loopback'],
  [v4(169, 254, 169, 254), 32, 'cloud metadata'],
  [v4(169, 254, 0, 0), 16, 'link-local'],
  [v4(172, 16, 0, 0), 12, 'private'],
  [v4(192, 0, 0, 0), 24, 'reserved (IETF protocol assignments)'],
  [v4(192, 0, 2, 0), 24, 'documentation'],
  [v4(192, 31, 196, 0), 24, 'reserved (AS112)'],
  [v4(192, 52, 193, 0), 24, 'reserved (AMT)'],
  [v4(192, 88, 99, 0), 24, 'reserved (6to4 relay)'],
  [v4(192, 168, 0, 0), 16, 'private'],
  [v4(192, 175, 48, 0), 24, 'reserved (AS112)'],
  [v4(198, 18, 0, 0), 15, 'benchmarking'],
  [v4(198, 51, 100, 0), 24, 'documentation'],
  [v4(203, 0, 113, 0), 24, 'documentation'],
  [v4(224, 0, 0, 0), 4, 'multicast'],
  [v4(255, 255, 255, 255), 32, 'broadcast'],
  [v4(240, 0, 0, 0), 4, 'reserved'],
];

function v4Reason(n: number): string | null {
  for (const [net, len, reason] of V4_RANGES) {
    const mask = len === 0 ? 0 : (~0 << (32 - len)) >>> 0;
    if (((n & mask) >>> 0) === net) return reason;
  }
  return null;
}

const dotted = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

// ---- IPv6 ---------------------------------------------------------------------------------

/** Parses an IPv6 literal (brackets, embedded IPv4 tail allowed; no zone id) into 8 groups. */
export function parseIPv6(host: string): number[] | null {
  let s = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (!isIPv6(s)) return null;
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (tail) {
    const n = parseIPv4(tail[1])!;
    s = s.slice(0, -tail[1].length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, rest] = s.split('::');
  const h = head ? head.split(':') : [];
  const r = rest !== undefined ? (rest ? rest.split(':') : []) : [];
  const groups = rest !== undefined ? [...h, ...Array(8 - h.length - r.length).fill('0'), ...r] : h;
  return groups.length === 8 ? groups.map((g) => parseInt(g, 16)) : null;
}

const v4Of = (g: number[], i: number) => ((g[i] << 16) >>> 0) + g[i + 1];

function v6Reason(g: number[]): string | null {
  const zeroUntil = (k: number) => g.slice(0, k).every((x) => x === 0);
  if (zeroUntil(8)) return 'unspecified';
  if (zeroUntil(7) && g[7] === 1) return 'loopback';
  // Addresses that carry an IPv4 address: judged by the address they carry.
  const carried = (kind: string, n: number) => {
    const r = v4Reason(n);
    return r ? `${kind} of a ${r} IPv4 address (${dotted(n)})` : null;
  };
  if (zeroUntil(5) && g[5] === 0xffff) return carried('IPv4-mapped form', v4Of(g, 6));
  if (zeroUntil(4) && g[4] === 0xffff && g[5] === 0) return carried('IPv4-translated form', v4Of(g, 6));
  if (zeroUntil(6)) return 'reserved (IPv4-compatible, deprecated)';
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return carried('NAT64 form', v4Of(g, 6));
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return 'reserved (local-use NAT64)';
  if (g[0] === 0x2002) return carried('6to4 form', v4Of(g, 1));
  if (g[0] === 0x0100 && g.slice(1, 4).every((x) => x === 0)) return 'reserved (discard-only)';
  if (g[0] === 0x2001 && g[1] === 0) return 'reserved (Teredo)';
  if (g[0] === 0x2001 && g[1] === 0x0db8) return 'documentation';
  if (g[0] === 0x3fff && g[1] < 0x1000) return 'documentation';
  if (g[0] === 0x2001 && g[1] === 0x0002 && g[2] === 0) return 'benchmarking';
  if (g[0] === 0x2001 && (g[1] & 0xfff0) === 0x0010) return 'reserved (ORCHID)';
  if (g[0] === 0x2001 && (g[1] & 0xfff0) === 0x0020) return 'reserved (ORCHIDv2)';
  if ((g[0] & 0xfe00) === 0xfc00) return 'private (unique local)';
  if ((g[0] & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0] & 0xffc0) === 0xfec0) return 'reserved (site-local, deprecated)';
  if ((g[0] & 0xff00) === 0xff00) return 'multicast';
  // Only 2000::/3 is global unicast; everything else is unassigned or special.
  if ((g[0] & 0xe000) !== 0x2000) return 'reserved';
  return null;
}

// ---- The rules ----------------------------------------------------------------------------

/**
 * Why `host` (an IP literal in any spelling, with or without IPv6 brackets) may not receive
 * callbacks, or null if it is a public address — or not an IP literal at all.
 */
export function refusedAddressReason(host: string): string | null {
  const h = host.toLowerCase();
  if (h.startsWith('[') || h.includes(':')) {
    const g = parseIPv6(h);
    return g ? v6Reason(g) : null;
  }
  const n = parseIPv4(h);
  return n === null ? null : v4Reason(n);
}

export function isIpLiteral(host: string): boolean {
  const h = host.startsWith('[') ? host.slice(1, -1) : host;
  return isIPv4(h) || isIPv6(h) || parseIPv4(h) !== null;
}

function refusalSentence(host: string, address: string, reason: string): string {
  const an = /^[aeiou]/.test(reason) ? 'an' : 'a';
  const which = host === address ? address : `${host} resolves to ${address}, which`;
  return `callbackUrl ${which} is ${an} ${reason} address; callbacks go only to public addresses.`;
}

/**
 * The submission check: an absolute http(s) URL without credentials whose host, if an IP
 * literal, is a public address. Names are judged at delivery time, by what they resolve to.
 */
export function checkCallbackUrl(raw: string, opts: { allowPrivate: boolean }): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BadRequest('callbackUrl must be an absolute http:// or https:// URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BadRequest(`callbackUrl must be an http:// or https:// URL, not ${url.protocol.replace(/:$/, '')}.`);
  }
  if (url.username || url.password) {
    throw new BadRequest('callbackUrl must not carry a user name or password; authenticate the callback by its webhook-signature header instead.');
  }
  if (!url.hostname) throw new BadRequest('callbackUrl must name a host.');
  if (!opts.allowPrivate) {
    const reason = refusedAddressReason(url.hostname);
    if (reason) throw new BadRequest(refusalSentence(url.hostname, url.hostname, reason));
  }
  return url;
}

/**
 * Resolves the URL's host and returns the addresses to connect to. Throws RefusedCallback if
 * ANY address is refused (one bad answer is enough to refuse the name: which one a client
 * picks is not ours to predict).
 */
export async function vetAddresses(url: URL, opts: { allowPrivate: boolean; lookup?: LookupAll }): Promise<ResolvedAddress[]> {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  let addrs: ResolvedAddress[];
  if (isIPv6(host)) addrs = [{ address: host, family: 6 }];
  else if (isIPv4(host)) addrs = [{ address: host, family: 4 }];
  else addrs = await (opts.lookup ?? systemLookup)(host);
  if (addrs.length === 0) throw new Error(`${host} did not resolve to any address`);
  if (!opts.allowPrivate) {
    for (const a of addrs) {
      const reason = refusedAddressReason(a.address);
      if (reason) throw new RefusedCallback(refusalSentence(host, a.address, reason));
    }
  }
  return addrs;
}

/**
 * A net/http `lookup` that answers only with the vetted addresses (the connection never asks
 * DNS again). Node calls it with { all: true } when it races address families.
 */
export function pinnedLookup(addrs: ResolvedAddress[]) {
  return (_host: string, options: { all?: boolean } | number | undefined, cb: (...args: any[]) => void) => {
    const all = typeof options === 'object' && options?.all;
    if (all) cb(null, addrs.map((a) => ({ address: a.address, family: a.family })));
    else cb(null, addrs[0].address, addrs[0].family);
  };
}
