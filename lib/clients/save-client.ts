import { and, eq, ne } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { clients, users } from "@/db/schema";
import { auditAuthzFailures } from "../audit/authz-failures";
import { recordAudit } from "../audit/record-audit";
import { assertCan, type Actor, type Verb } from "../context";
import { Conflict, NotFound, uniqueViolation, ValidationFailed } from "../errors";
import { assertOutranks, loadTargetForUpdate } from "../permissions/guards";
import { parseInput } from "../validation";
import { CreateClientInput, UpdateClientInput } from "./client-input";
import { findClient } from "./client-records";

/** The user a client is given to: an existing user who is not Inactive. */
async function assignableOwner(tx: Transaction, ownerId: string) {
  const [owner] = await tx
    .select({ id: users.id, firstName: users.firstName, lastName: users.lastName })
    .from(users)
    .where(and(eq(users.id, ownerId), ne(users.status, "inactive")));
  if (!owner) throw ValidationFailed({ ownerId: ["Choose an active or pending user to assign the client to."] });
  return { id: owner.id, name: `${owner.firstName} ${owner.lastName}` };
}

function externalIdTaken(error: unknown, externalId: string | null | undefined): never {
  if (uniqueViolation(error) !== null)
    throw Conflict(`Another client already has the external id “${externalId}”.`, { externalId: ["Another client already has this external id."] });
  throw error;
}

/** Creates a client assigned to a user. Caller needs users.update. */
export async function createClient({ ctx, input }: Verb<CreateClientInput>) {
  return auditAuthzFailures(ctx, "client.create", async () => {
    assertCan(ctx.actor, "users.update");
    const data = parseInput(CreateClientInput, input);
    const now = ctx.now();
    const id = await ctx.db
      .transaction(async (tx) => {
        const owner = await assignableOwner(tx, data.ownerId);
        const [created] = await tx
          .insert(clients)
          .values({ name: data.name, externalId: data.externalId ?? null, ownerId: owner.id, createdAt: now, updatedAt: now })
          .returning({ id: clients.id });
        await recordAudit(tx, ctx, "client.created", {
          target: { type: "client", id: created.id, name: data.name },
          detail: { externalId: data.externalId ?? null, to: owner.name },
        });
        return created.id;
      })
      .catch((error: unknown) => externalIdTaken(error, data.externalId));
    return (await findClient(ctx.db, id))!;
  });
}

/**
 * A client's row, locked, after its owner's (the order reassignClients takes them in), for an actor
 * who outranks the owner: a client is its owner's, as reassignClients holds for all of them at once;
 * one by one, a lesser user could otherwise empty an Administrator's clients.
 */
export async function lockClientOfOutranked(tx: Transaction, actor: Actor, clientId: string, verb: string) {
  const [found] = await tx.select({ ownerId: clients.ownerId }).from(clients).where(eq(clients.id, clientId));
  if (!found) throw NotFound("That client does not exist.");
  assertOutranks(actor, await loadTargetForUpdate(tx, found.ownerId), verb);
  const [client] = await tx
    .select()
    .from(clients)
    .where(and(eq(clients.id, clientId), eq(clients.ownerId, found.ownerId)))
    .for("update");
  if (!client) throw Conflict("This client was changed meanwhile: reload to see it.");
  return client;
}

/** Renames a client, changes its external id, or assigns it to another user. Caller needs users.update and outranking its owner. */
export async function updateClient({ ctx, input }: Verb<UpdateClientInput>) {
  return auditAuthzFailures(ctx, "client.update", async () => {
    assertCan(ctx.actor, "users.update");
    const data = parseInput(UpdateClientInput, input);
    const now = ctx.now();
    await ctx.db
      .transaction(async (tx) => {
        const before = await lockClientOfOutranked(tx, ctx.actor!, data.clientId, "change the clients of");
        const after = {
          name: data.name ?? before.name,
          externalId: data.externalId === undefined ? before.externalId : data.externalId,
          ownerId: data.ownerId ?? before.ownerId,
        };
        const changes: Record<string, [unknown, unknown]> = {};
        for (const field of ["name", "externalId"] as const) if (before[field] !== after[field]) changes[field] = [before[field], after[field]];
        if (before.ownerId !== after.ownerId) {
          const [previous] = await tx.select({ firstName: users.firstName, lastName: users.lastName }).from(users).where(eq(users.id, before.ownerId));
          changes.owner = [`${previous.firstName} ${previous.lastName}`, (await assignableOwner(tx, after.ownerId)).name];
        }
        if (!Object.keys(changes).length) return;
        await tx
          .update(clients)
          .set({ ...after, updatedAt: now })
          .where(eq(clients.id, before.id));
        await recordAudit(tx, ctx, "client.updated", { target: { type: "client", id: before.id, name: after.name }, detail: { changes } });
      })
      .catch((error: unknown) => externalIdTaken(error, data.externalId));
    return (await findClient(ctx.db, data.clientId))!;
  });
}
