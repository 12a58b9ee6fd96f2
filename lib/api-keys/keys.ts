import { createHash, randomBytes } from "node:crypto";

const KEY_PATTERN = /^rk_([0-9a-f]{8})_[A-Za-z0-9_-]{43}$/;

/** A new key: `rk_`, eight hex characters that name it in lists and logs, and 256 random bits. */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(4).toString("hex");
  const key = `rk_${prefix}_${randomBytes(32).toString("base64url")}`;
  return { key, prefix, hash: hashApiKey(key) };
}

export const hashApiKey = (key: string) => createHash("sha256").update(key, "utf8").digest("hex");

/** The key from an `Authorization: Bearer` header, when it has the shape of one; null otherwise. */
export function bearerKey(authorization: string | null): string | null {
  const match = /^Bearer +(\S+)$/i.exec(authorization?.trim() ?? "");
  if (!match || !KEY_PATTERN.test(match[1])) return null;
  return match[1];
}
