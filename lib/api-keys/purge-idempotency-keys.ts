import { lt } from "drizzle-orm";
import type { Handle } from "@/db/client";
import { idempotencyKeys } from "@/db/schema";

/** Forgets Idempotency-Key answers older than 24 hours (the daily sweep). */
export async function purgeIdempotencyKeys(db: Handle, now: Date): Promise<number> {
  const gone = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - 24 * 60 * 60 * 1000)))
    .returning({ key: idempotencyKeys.key });
  return gone.length;
}
