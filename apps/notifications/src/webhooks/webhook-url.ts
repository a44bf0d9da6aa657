import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { DomainError } from '@fundline/domain';

/**
 * Addresses a webhook must not reach (SSRF): this host, private and shared networks, link-local (cloud metadata at
 * 169.254.169.254), multicast, reserved and unspecified ranges, in IPv4 and IPv6.
 */
const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  INTERNAL.addSubnet(network, prefix, 'ipv6');
}

export function isInternalAddress(address: string): boolean {
  // An IPv4 address written as IPv6 (::ffff:127.0.0.1) is the IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isInternalAddress(mapped[1]);
  const family = isIP(address);
  if (family === 0) return true;
  return INTERNAL.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

function refused(url: string, why: string): DomainError {
  return DomainError.invalid('WEBHOOK.URL', [{ field: 'url', rule: 'url', message: `${url} ${why}` }], 'invalid', {
    url,
  });
}

/**
 * Why `url` may not receive webhooks, as a refusal, or nothing: http or https only, no credentials in it (they would
 * show in every log and listing), and, unless private networks are allowed, a host that is and resolves only to
 * public addresses. Checked when an endpoint is registered or changed and again before every attempt, since a
 * name can be pointed elsewhere after registration.
 */
export async function checkWebhookUrl(url: string, allowPrivateNetworks: boolean): Promise<URL> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw refused(url, 'is not an absolute URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw refused(url, 'must be an http or https URL');
  if (parsed.username || parsed.password) throw refused(url, 'must not carry credentials');
  if (allowPrivateNetworks) return parsed;
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      throw refused(url, `names a host that does not resolve (${host})`);
    }
  }
  if (addresses.some(isInternalAddress)) throw refused(url, 'reaches a loopback, private or reserved address');
  return parsed;
}
