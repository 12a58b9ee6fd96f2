import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { clients } from "@/db/schema";
import { auditAuthzFailures } from "../audit/authz-failures";
import { assertCan, type Verb } from "../context";
import { parseInput } from "../validation";
import { fold } from "@/db/schema/fold";

/** The clients a user owns, for the delete dialog. Caller needs users.view. */
export async function listUserClients({ ctx, input }: Verb<{ userId: unknown }>) {
  return auditAuthzFailures(ctx, "listUserClients", async () => {
    assertCan(ctx.actor, "users.view");
    const { userId } = parseInput(z.object({ userId: z.uuid("Unknown user.") }), input);
    return ctx.db.select({ id: clients.id, name: clients.name }).from(clients).where(eq(clients.ownerId, userId)).orderBy(fold(clients.name), asc(clients.id));
  });
}
