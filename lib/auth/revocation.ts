import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Handle } from "@/db/client";
import { sessions, users } from "@/db/schema";
import { loadSessionUser } from "../users/queries";

const LAST_SEEN_RESOLUTION_MS = 60_000;

/** A new session row for a sign-in, under the user's current session version; its id becomes the cookie's `sid` claim. */
export async function startSession(
  db: Handle,
  { userId, ip, userAgent, now }: { userId: string; ip: string | null; userAgent: string | null; now: Date },
): Promise<string> {
  const [row] = await db
    .insert(sessions)
    .values({
      userId,
      ip,
      userAgent: userAgent?.slice(0, 500) ?? null,
      createdAt: now,
      lastSeenAt: now,
      sessionVersion: sql`(select ${users.sessionVersion} from ${users} where ${users.id} = ${userId})`,
    })
    .returning({ id: sessions.id });
  return row.id;
}

/** Whether the cookie's session still stands: its row exists, belongs to this user and has not ended (the request's own check, lib/users/queries.ts). */
export async function sessionStands(db: Handle, sid: string | undefined, userId: string): Promise<{ lastSeenAt: Date } | null> {
  return (await loadSessionUser(db, userId, sid ?? null))?.session ?? null;
}

/** "Last seen", at most once a minute. */
export async function touchSession(db: Handle, sid: string, lastSeenAt: Date, now: Date): Promise<void> {
  if (now.getTime() - lastSeenAt.getTime() <= LAST_SEEN_RESOLUTION_MS) return;
  await db
    .update(sessions)
    .set({ lastSeenAt: now })
    .where(and(eq(sessions.id, sid), or(isNull(sessions.endedAt)), lt(sessions.lastSeenAt, new Date(now.getTime() - LAST_SEEN_RESOLUTION_MS))));
}

/** Ends one session (sign-out, or ended from the account or the user page): its next request is signed out. */
export async function endSessionRow(db: Handle, sid: string, reason: string, now: Date): Promise<boolean> {
  const ended = await db
    .update(sessions)
    .set({ endedAt: now, endedReason: reason })
    .where(and(eq(sessions.id, sid), isNull(sessions.endedAt)))
    .returning({ id: sessions.id });
  return ended.length > 0;
}

/** A session row that still stands: not ended, and begun under the user's current session version. */
export const sessionIsCurrent = sql`${sessions.endedAt} is null and ${sessions.sessionVersion} = (select ${users.sessionVersion} from ${users} where ${users.id} = ${sessions.userId})`;
