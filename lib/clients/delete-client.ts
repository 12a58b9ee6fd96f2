import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { clients, users } from "@/db/schema";
import { auditAuthzFailures } from "../audit/authz-failures";
import { recordAudit } from "../audit/record-audit";
import { assertCan, type Verb } from "../context";
import { ValidationFailed } from "../errors";
import { assertOutranks, loadTargetForUpdate } from "../permissions/guards";
import { parseInput } from "../validation";
import { lockClientOfOutranked } from "./save-client";

/** Deletes a client. Caller needs users.update and outranking its owner. */
export async function deleteClient({ ctx, input }: Verb<{ clientId: unknown }>) {
  return auditAuthzFailures(ctx, "client.delete", async () => {
    assertCan(ctx.actor, "users.update");
    const { clientId } = parseInput(z.object({ clientId: z.uuid("Unknown client.") }), input);
    return ctx.db.transaction(async (tx) => {
      await lockClientOfOutranked(tx, ctx.actor!, clientId, "delete the clients of");
      const [gone] = await tx.delete(clients).where(eq(clients.id, clientId)).returning({ name: clients.name, externalId: clients.externalId });
      await recordAudit(tx, ctx, "client.deleted", { target: { type: "client", id: clientId, name: gone.name }, detail: { externalId: gone.externalId } });
      return { id: clientId };
    });
  });
}

export const ReassignClientsInput = z.object({ userId: z.uuid("Unknown user."), toUserId: z.uuid("Choose the user who takes over the clients.") });
export type ReassignClientsInput = { userId: unknown; toUserId: unknown };

/**
 * Moves every client of a user to another active user, in one transaction. Caller needs users.update
 * and must outrank the user the clients are taken from.
 */
export async function reassignClients({ ctx, input }: Verb<ReassignClientsInput>) {
  return auditAuthzFailures(ctx, "client.reassign", async () => {
    assertCan(ctx.actor, "users.update");
    const actor = ctx.actor;
    const { userId, toUserId } = parseInput(ReassignClientsInput, input);
    if (userId === toUserId) throw ValidationFailed({ toUserId: ["Choose someone other than the user the clients belong to."] });
    return ctx.db.transaction(async (tx) => {
      const from = await loadTargetForUpdate(tx, userId);
      assertOutranks(actor, from, "take the clients of");
      const [heir] = await tx
        .select({ id: users.id, firstName: users.firstName, lastName: users.lastName })
        .from(users)
        .where(and(eq(users.id, toUserId), eq(users.status, "active"), isNull(users.lockedAt)));
      if (!heir) throw ValidationFailed({ toUserId: ["Choose an active user who is not locked to take over the clients."] });
      const moved = await tx.update(clients).set({ ownerId: heir.id, updatedAt: ctx.now() }).where(eq(clients.ownerId, from.id)).returning({ id: clients.id });
      const to = `${heir.firstName} ${heir.lastName}`;
      if (moved.length)
        await recordAudit(tx, ctx, "client.reassigned", {
          target: { type: "user", id: from.id, name: from.name },
          detail: { clients: moved.length, to, toUserId: heir.id },
        });
      return { moved: moved.length, to: { id: heir.id, name: to } };
    });
  });
}
