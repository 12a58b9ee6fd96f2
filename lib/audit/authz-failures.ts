import type { Ctx } from "../context";
import { isDomainError } from "../errors";
import { recordAudit } from "./record-audit";

/**
 * Runs a verb and, when it is refused for lack of rights (forbidden), records an `authz_fail` audit
 * event after the verb's transaction has rolled back, so the attempt is on record while nothing
 * else was written.
 */
export async function auditAuthzFailures<T>(ctx: Ctx, attempted: string, fn: () => Promise<T>, detail: Record<string, unknown> = {}): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isDomainError(error) && error.code === "forbidden") {
      // Whom it was about, when the refusal says (an outranking user): the trail finds it under their name.
      await recordAudit(ctx.db, ctx, "authz_fail", { target: error.target, detail: { attempted, reason: error.message, ...detail } }).catch(() => {});
    }
    throw error;
  }
}
