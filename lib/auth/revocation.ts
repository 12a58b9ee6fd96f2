import { eq, lt } from "drizzle-orm";
import type { Handle } from "@/db/client";
import { revokedSessions } from "@/db/schema";

/** Ends one session for good: its token id is refused even if the cookie comes back. */
export async function revokeSession(db: Handle, { jti, userId, expiresAt, now }: { jti: string; userId: string | null; expiresAt: Date; now: Date }) {
  await db.delete(revokedSessions).where(lt(revokedSessions.expiresAt, now));
  await db.insert(revokedSessions).values({ jti, userId, expiresAt }).onConflictDoNothing();
}

export async function sessionRevoked(db: Handle, jti: string | undefined): Promise<boolean> {
  if (!jti) return false;
  const [row] = await db.select({ jti: revokedSessions.jti }).from(revokedSessions).where(eq(revokedSessions.jti, jti));
  return !!row;
}
