import { logger } from "../log";
import { database } from "@/db/connection";
import { env } from "../env";
import { deliverDueEmails } from "./deliver";
import { configuredTransport } from "./transport";

const globalForRunner = globalThis as typeof globalThis & { __rollcallMailTimer?: NodeJS.Timeout; __rollcallMailRunning?: boolean };

/**
 * Delivers what is due now. Safe to call from anywhere, any number of instances at once: the
 * outbox rows are the queue and SKIP LOCKED shares them out. The flag only avoids piling up runs
 * inside one process; it holds no state that matters.
 */
export async function drainOutbox(): Promise<void> {
  if (globalForRunner.__rollcallMailRunning) return;
  globalForRunner.__rollcallMailRunning = true;
  try {
    await deliverDueEmails({ db: await database(), transport: configuredTransport(), from: env().EMAIL_FROM });
  } catch (error) {
    logger().error({ event: "email.run_failed", err: error }, "e-mail delivery run failed");
  } finally {
    globalForRunner.__rollcallMailRunning = false;
  }
}

/** Sweeps the outbox every 15 s for retries that fell due (started once per server process). */
export function startOutboxSweeper(intervalMs = 15_000): void {
  if (globalForRunner.__rollcallMailTimer) return;
  globalForRunner.__rollcallMailTimer = setInterval(() => void drainOutbox(), intervalMs);
  globalForRunner.__rollcallMailTimer.unref();
}
