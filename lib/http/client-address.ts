import { isIP } from "node:net";

/**
 * The client's address. server.mjs resolves it from the socket (and the TRUST_PROXY hops in front of
 * it) and replaces X-Forwarded-For with that one address before Next.js reads the request, so a
 * value the client sent never gets here. Null when absent or not an IP address.
 */
export function clientAddress(headers: Headers): string | null {
  const forwarded = headers.get("x-forwarded-for");
  if (!forwarded) return null;
  const address = forwarded
    .split(",")
    .at(-1)!
    .trim()
    .replace(/^::ffff:/, "");
  return isIP(address) ? address : null;
}
