import { and, asc, inArray } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import { auditAuthzFailures } from "../audit/authz-failures";
import { recordAudit } from "../audit/record-audit";
import { assertCan, type Ctx, type Verb } from "../context";
import { isDomainError, ValidationFailed } from "../errors";
import { resendInvitation } from "../invitations/resend-invitation";
import { unblockUser } from "../security/unblock-user";
import { parseInput, SearchTerm } from "../validation";
import { confirmUser } from "./confirm-user";
import { deactivateUser } from "./deactivate-user";
import { deleteUser } from "./delete-user";
import { userListFilter } from "./list-users";
import { reactivateUser } from "./reactivate-user";
import { setUserRole, setUserUnit } from "./set-role-or-unit";
import { fold } from "@/db/schema/fold";

export const BULK_ACTIONS = ["deactivate", "reactivate", "unblock", "confirm", "invite", "changeRole", "moveBranch", "moveTeam", "delete"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** At most this many users in one bulk action. */
export const MAX_BULK = 10_000;

export const BulkUsersInput = z.object({
  action: z.enum(BULK_ACTIONS, "Choose an action."),
  /** The users chosen one by one… */
  userIds: z.array(z.uuid("Unknown user.")).max(MAX_BULK, `Choose at most ${MAX_BULK} users.`).optional(),
  /** …or every user matching the list's filter. */
  filter: z
    .object({
      q: SearchTerm.optional(),
      status: z.enum(["pending", "active", "inactive", "locked"]).optional(),
      roleId: z.uuid().optional(),
      branchId: z.uuid().optional(),
      teamId: z.uuid().optional(),
    })
    .optional(),
  /**
   * With a filter, how many users the reader saw it match and confirmed: the filter is run again
   * here, and a different number (users added, changed or removed meanwhile) refuses the whole action.
   */
  expectedCount: z.number("Confirm how many users this acts on.").int().min(1).max(MAX_BULK).optional(),
  roleId: z.uuid("Choose a role.").optional(),
  unitId: z.uuid("Choose from the list.").nullable().optional(),
  reassignClientsTo: z.uuid("Choose the user who takes over the clients.").optional(),
});
export type BulkUsersInput = Partial<Record<keyof z.input<typeof BulkUsersInput>, unknown>>;

type One = (ctx: Ctx, userId: string, input: z.output<typeof BulkUsersInput>) => Promise<unknown>;

/** Each action is the single-user verb, with every one of its rules. */
const ONE: Record<BulkAction, One> = {
  deactivate: (ctx, userId) => deactivateUser({ ctx, input: { userId } }),
  reactivate: (ctx, userId) => reactivateUser({ ctx, input: { userId } }),
  unblock: (ctx, userId) => unblockUser({ ctx, input: { userId } }),
  confirm: (ctx, userId) => confirmUser({ ctx, input: { userId } }),
  invite: (ctx, userId) => resendInvitation({ ctx, input: { userId, method: "email" } }),
  changeRole: (ctx, userId, input) => setUserRole({ ctx, input: { userId, roleId: input.roleId } }),
  moveBranch: (ctx, userId, input) => setUserUnit({ ctx, input: { userId, kind: "branch", unitId: input.unitId ?? null } }),
  moveTeam: (ctx, userId, input) => setUserUnit({ ctx, input: { userId, kind: "team", unitId: input.unitId ?? null } }),
  delete: (ctx, userId, input) => deleteUser({ ctx, input: { userId, reassignClientsTo: input.reassignClientsTo } }),
};

/** A verb's answer that says it found nothing to change (`{ changed: false }`). */
const isUnchanged = (result: unknown) => typeof result === "object" && result !== null && "changed" in result && result.changed === false;

/**
 * One action on many users: those chosen, or every user matching the list's filter (at most 10,000,
 * and exactly as many as the reader confirmed).
 * Each user goes through the single-user verb — its permission, outranking, self and last
 * Administrator rules, its own transaction and audit event — and the answer lists who was done, who
 * was already as asked, who was refused, and why, and how many chosen users no longer exist. One more audit event records the bulk action. Caller needs users.view to
 * choose; each verb checks its own permission.
 */
export async function bulkUsers({ ctx, input }: Verb<BulkUsersInput>) {
  return auditAuthzFailures(ctx, "users.bulk", async () => {
    assertCan(ctx.actor, "users.view");
    const data = parseInput(BulkUsersInput, input);
    if (data.action === "changeRole" && !data.roleId) throw ValidationFailed({ roleId: ["Choose a role."] });
    const where = data.userIds?.length
      ? inArray(users.id, data.userIds)
      : data.filter
        ? userListFilter({ ...data.filter, sort: "name", dir: "asc", page: 1, pageSize: 25 })
        : undefined;
    if (!data.userIds?.length && !data.filter) throw ValidationFailed({ userIds: ["Choose at least one user."] });
    const targets = await ctx.db
      .select({ id: users.id, firstName: users.firstName, lastName: users.lastName })
      .from(users)
      .where(and(where))
      .orderBy(fold(users.lastName), fold(users.firstName), asc(users.id))
      .limit(MAX_BULK + 1);
    if (targets.length > MAX_BULK) throw ValidationFailed({ filter: [`More than ${MAX_BULK} users match: narrow the filter.`] });
    if (!data.userIds?.length) {
      if (data.expectedCount === undefined) throw ValidationFailed({ expectedCount: ["Confirm how many users this acts on."] });
      if (targets.length !== data.expectedCount)
        throw ValidationFailed({ filter: [`Now ${targets.length} match this filter, not the ${data.expectedCount} you confirmed: look at the list again.`] });
    }
    // Chosen users deleted since the page was read: said, not silently left out.
    const gone = data.userIds?.length ? new Set(data.userIds).size - targets.length : 0;
    const done: { id: string; name: string }[] = [];
    // Already as asked (unblocking someone not blocked, moving someone to their own team): nothing done.
    const unchanged: { id: string; name: string }[] = [];
    const refused: { id: string; name: string; reason: string }[] = [];
    for (const t of targets) {
      const name = `${t.firstName} ${t.lastName}`;
      try {
        const result = await ONE[data.action](ctx, t.id, data);
        (isUnchanged(result) ? unchanged : done).push({ id: t.id, name });
      } catch (error) {
        // A refusal of this one user is listed; anything else (a database in trouble, a bug) stops the run.
        if (!isDomainError(error) || error.code === "unavailable") throw error;
        const reason = error.fieldErrors ? (Object.values(error.fieldErrors)[0]?.[0] ?? error.message) : error.message;
        refused.push({ id: t.id, name, reason });
      }
    }
    await recordAudit(ctx.db, ctx, "users.bulk", {
      detail: {
        bulkAction: data.action,
        users: targets.length,
        done: done.length,
        unchanged: unchanged.length,
        refused: refused.length,
        ...(gone ? { gone } : {}),
        selection: data.userIds?.length ? "chosen" : "filter",
      },
    });
    return { action: data.action, done, unchanged, refused, gone };
  });
}
