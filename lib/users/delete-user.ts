import { and, asc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { clients, emailOutbox, users } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { auditAuthzFailures } from "../audit/authz-failures";
import { assertCan, type Verb } from "../context";
import { DomainError, ValidationFailed } from "../errors";
import { assertNotLastAdministrator, assertNotSelf, assertOutranks, loadTargetForUpdate } from "../permissions/guards";
import { OptionalId, parseInput } from "../validation";
import { fold } from "@/db/schema/fold";

export const DeleteUserInput = z.object({
  userId: z.uuid("Unknown user."),
  reassignClientsTo: OptionalId("Choose the user who takes over the clients."),
});
export type DeleteUserInput = { userId: unknown; reassignClientsTo?: unknown };

/**
 * Delete user. Caller needs users.delete and must outrank the user; nobody deletes themselves or the
 * last active Administrator. A user who still has clients is refused unless `reassignClientsTo`
 * names an active user, in which case the clients move in the same transaction. Access ends at once
 * (the row is gone); the audit trail keeps the name, username and id.
 */
export async function deleteUser({ ctx, input }: Verb<DeleteUserInput>) {
  return auditAuthzFailures(ctx, "user.delete", async () => {
    assertCan(ctx.actor, "users.delete");
    const actor = ctx.actor;
    const { userId, reassignClientsTo } = parseInput(DeleteUserInput, input);
    return ctx.db.transaction(async (tx) => {
      const target = await loadTargetForUpdate(tx, userId);
      assertNotSelf(actor, target, "delete");
      assertOutranks(actor, target, "delete");
      await assertNotLastAdministrator(tx, target, "delete", ctx.now());

      const owned = await tx
        .select({ id: clients.id, name: clients.name, externalId: clients.externalId })
        .from(clients)
        .where(eq(clients.ownerId, target.id))
        .orderBy(fold(clients.name), asc(clients.id))
        .for("update");
      let reassignedTo: { id: string; name: string } | null = null;
      if (owned.length) {
        if (!reassignClientsTo)
          throw new DomainError(
            "conflict",
            `${target.name} still has ${owned.length} assigned client${owned.length === 1 ? "" : "s"}. Reassign them to another user before deleting.`,
            { data: { clients: owned } },
          );
        if (reassignClientsTo === target.id) throw ValidationFailed({ reassignClientsTo: ["Choose someone other than the user you are deleting."] });
        const [heir] = await tx
          .select({ id: users.id, firstName: users.firstName, lastName: users.lastName })
          .from(users)
          .where(and(eq(users.id, reassignClientsTo), eq(users.status, "active"), isNull(users.lockedAt)));
        if (!heir) throw ValidationFailed({ reassignClientsTo: ["Choose an active user who is not locked to take over the clients."] });
        await tx.update(clients).set({ ownerId: heir.id }).where(eq(clients.ownerId, target.id));
        reassignedTo = { id: heir.id, name: `${heir.firstName} ${heir.lastName}` };
      }
      // Mail not yet sent to them goes with them ("Your account is ready" to someone who has none);
      // what was sent stays listed, no longer tied to an account.
      await tx.delete(emailOutbox).where(and(eq(emailOutbox.userId, target.id), eq(emailOutbox.status, "pending")));
      const [gone] = await tx.delete(users).where(eq(users.id, target.id)).returning({ username: users.username, email: users.email });
      await recordAudit(tx, ctx, "user.deleted", {
        target: { type: "user", id: target.id, name: target.name },
        detail: {
          username: gone.username,
          email: gone.email,
          ...(reassignedTo ? { clientsReassigned: owned.length, reassignedTo } : {}),
        },
      });
      return { id: target.id, clientsReassigned: owned.length };
    });
  });
}
