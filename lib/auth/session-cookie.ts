import { createHash } from "node:crypto";
import { decode, getToken, type JWT } from "next-auth/jwt";
import { logger } from "../log";

/**
 * Reads the session cookie for a request that only needs to know who is asking (every page, action
 * and route handler, through currentActor). Auth.js's own `auth()` runs its whole session action for
 * that: it decrypts the cookie, then encrypts a fresh one that a server component cannot even send.
 * This decrypts only, and remembers what a cookie decrypts to for a minute, so a user clicking around
 * costs one SHA-256 of the cookie per request instead of an HKDF, a thumbprint, an AES and an HMAC.
 *
 * The remembered payload is a pure function of the cookie and the secret: nothing about whether the
 * session still stands is remembered here. lib/auth checks the session's row, the user and the
 * settings against the database on every request, as before. Expiry is checked on every read.
 */

/** Both names Auth.js gives the cookie (`__Secure-` when it was set over HTTPS); also in proxy.ts. */
export const SESSION_COOKIE_NAMES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

const REMEMBER_MS = 60_000;
const REMEMBER_MAX = 2_000;
const CLOCK_TOLERANCE_S = 15; // as Auth.js's own decode

interface Remembered {
  token: JWT;
  until: number;
}
// Insertion-ordered: the oldest entry is the first key. Holds payloads (user id, session id,
// version, times), never the cookie itself: the key is its SHA-256.
const remembered = new Map<string, Remembered>();

function remember(key: string, token: JWT, now: number) {
  if (remembered.size >= REMEMBER_MAX) remembered.delete(remembered.keys().next().value!);
  remembered.set(key, { token, until: now + REMEMBER_MS });
}

const expired = (token: JWT, now: number) => typeof token.exp === "number" && token.exp + CLOCK_TOLERANCE_S < now / 1000;

type DecodeParams = Parameters<typeof decode>[0];

/** Auth.js's decode, remembered per cookie. A cookie that fails to decrypt is never remembered. */
async function rememberedDecode(params: DecodeParams): Promise<JWT | null> {
  if (!params.token) return null;
  const now = Date.now();
  // Keyed to the secret as well: what a cookie decrypts to under one secret says nothing under another.
  const key = createHash("sha256")
    .update(JSON.stringify([params.secret, params.salt, params.token]))
    .digest("base64url");
  const hit = remembered.get(key);
  if (hit && hit.until > now) return expired(hit.token, now) ? null : hit.token;
  if (hit) remembered.delete(key);
  let token: JWT | null;
  try {
    token = await decode(params);
  } catch (error) {
    // A forged, expired or foreign cookie: the visitor is simply signed out. One line, no stack.
    logger().warn({ event: "auth.cookie_rejected", reason: (error as Error).message }, "rejected a session cookie");
    return null;
  }
  if (token) remember(key, token, now);
  return token;
}

/**
 * The session token in `cookieHeader`'s cookies, decrypted, or null: no cookie, a cookie this server
 * did not make (logged as one line, as Auth.js logs it), or one past its expiry.
 */
export async function readSessionToken(cookieHeader: string | null, secret: string): Promise<JWT | null> {
  if (!cookieHeader) return null;
  for (const name of SESSION_COOKIE_NAMES) {
    if (!cookieHeader.includes(name)) continue;
    // getToken joins a cookie Auth.js split into chunks (name.0, name.1, …) and decodes it.
    const token = await getToken({
      req: { headers: { cookie: cookieHeader } },
      secret,
      cookieName: name,
      salt: name,
      secureCookie: name.startsWith("__Secure-"),
      decode: rememberedDecode,
      logger: { error() {}, warn() {}, debug() {} },
    });
    if (token) return token;
  }
  return null;
}

/** For tests: forget every remembered cookie. */
export function forgetSessionCookies() {
  remembered.clear();
}
