import { isIP } from "node:net";

/**
 * The client's address from X-Forwarded-For, counting only the hops we trust. Next.js appends the
 * socket's peer as the last entry; each trusted proxy in front (TRUST_PROXY=N) appends one more.
 * Entries left of those were written by the client and are never believed.
 */
export function clientAddress(headers: Headers, trustedProxies: number): string | null {
  const forwarded = headers.get("x-forwarded-for");
  if (!forwarded) return null;
  const hops = forwarded.split(",").map((s) => s.trim()).filter(Boolean);
  const candidate = hops[hops.length - 1 - trustedProxies];
  if (!candidate) return null;
  const address = candidate.replace(/^::ffff:/, "");
  return isIP(address) ? address : null;
}
