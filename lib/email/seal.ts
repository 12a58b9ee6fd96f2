import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "../env";

/**
 * Message props can hold a registration or reset link, whose token must not sit in the database in
 * clear. They are sealed with AES-256-GCM under a key derived from AUTH_SECRET.
 */
function key(): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret(), "rollcall-outbox", "email props v1", 32));
}

export function seal(value: unknown): { sealed: string } {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return { sealed: Buffer.concat([iv, cipher.getAuthTag(), data]).toString("base64") };
}

export function unseal<T>(box: unknown): T {
  const raw = Buffer.from((box as { sealed: string }).sealed, "base64");
  const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8")) as T;
}
