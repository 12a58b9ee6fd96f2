import { encode } from "next-auth/jwt";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { forgetSessionCookies, readSessionToken } from "../lib/auth/session-cookie";

/**
 * The cookie reader currentActor() uses instead of Auth.js's session action: real cookies made by
 * Auth.js's own encode, read back; nothing about the session's standing is remembered here.
 */
const SECRET = "session-cookie-test-secret-0123456789abcdef";
const NAME = "authjs.session-token";
const claims = { uid: "4b9c7f0e-0000-4000-8000-000000000001", sid: "4b9c7f0e-0000-4000-8000-000000000002", sv: 3, authAt: 1_790_000_000 };

const cookieOf = async (name = NAME, maxAge = 3600, secret = SECRET) => `${name}=${await encode({ token: claims, secret, salt: name, maxAge })}`;

beforeEach(() => forgetSessionCookies());
afterEach(() => vi.useRealTimers());

describe("readSessionToken", () => {
  it("reads the claims from a cookie Auth.js made, under either of its names", async () => {
    expect(await readSessionToken(`theme=dark; ${await cookieOf()}`, SECRET)).toMatchObject(claims);
    expect(await readSessionToken(await cookieOf("__Secure-authjs.session-token"), SECRET)).toMatchObject(claims);
  });

  it("joins a cookie Auth.js split into chunks", async () => {
    const value = (await cookieOf()).slice(NAME.length + 1);
    const half = Math.floor(value.length / 2);
    expect(await readSessionToken(`${NAME}.0=${value.slice(0, half)}; ${NAME}.1=${value.slice(half)}`, SECRET)).toMatchObject(claims);
  });

  it("refuses no cookie, a tampered one, one made with another secret or for the other name", async () => {
    expect(await readSessionToken(null, SECRET)).toBeNull();
    expect(await readSessionToken("theme=dark", SECRET)).toBeNull();
    expect(await readSessionToken(`${NAME}=tampered.not-a-jwt`, SECRET)).toBeNull();
    const good = await cookieOf();
    const flipped = good.slice(0, -5) + (good.at(-5) === "A" ? "B" : "A") + good.slice(-4);
    expect(await readSessionToken(flipped, SECRET)).toBeNull();
    expect(await readSessionToken(await cookieOf(NAME, 3600, "another-secret-another-secret-0123456789"), SECRET)).toBeNull();
    // The name is the key's salt: a value moved to the other name does not decrypt.
    expect(await readSessionToken(`__Secure-${good}`, SECRET)).toBeNull();
  });

  it("remembers what a cookie decrypts to, and still refuses it once it has expired", async () => {
    const cookie = await cookieOf(NAME, 60);
    const first = await readSessionToken(cookie, SECRET);
    expect(first).toMatchObject(claims);
    expect(await readSessionToken(cookie, SECRET)).toBe(first); // the same object: not decrypted again
    expect(await readSessionToken(cookie, "a-secret-this-cookie-was-not-made-with-01234"), "a remembered cookie is keyed to its secret too").toBeNull();
    vi.useFakeTimers({ now: Date.now() + 59_000, toFake: ["Date"] });
    expect(await readSessionToken(cookie, SECRET)).toBe(first);
    vi.setSystemTime(Date.now() + 20_000); // 79 s: past its 60 s and Auth.js's 15 s tolerance
    expect(await readSessionToken(cookie, SECRET)).toBeNull();
  });
});
