import { and, asc, eq, gt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Handle } from "@/db/client";
import { clients, users } from "@/db/schema";
import { auditAuthzFailures } from "../audit/authz-failures";
import { assertCan, type Verb } from "../context";
import { NotFound } from "../errors";
import { decodeCursor, encodeCursor } from "../pagination/cursor";
import { parseInput, QueryCount, SearchTerm } from "../validation";
import { fold } from "@/db/schema/fold";

const COLUMNS = {
  id: clients.id,
  name: clients.name,
  externalId: clients.externalId,
  ownerId: clients.ownerId,
  ownerFirstName: users.firstName,
  ownerLastName: users.lastName,
  ownerUsername: users.username,
  createdAt: clients.createdAt,
  updatedAt: clients.updatedAt,
};

type ClientRow = Awaited<ReturnType<typeof selectClients>>[number];

/** A client as the API and the user page show it. */
export function clientRecord(row: ClientRow) {
  return {
    id: row.id,
    name: row.name,
    externalId: row.externalId,
    owner: { id: row.ownerId, name: `${row.ownerFirstName} ${row.ownerLastName}`, username: row.ownerUsername },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
export type ClientRecord = ReturnType<typeof clientRecord>;

const selectClients = (db: Handle) => db.select(COLUMNS).from(clients).innerJoin(users, eq(users.id, clients.ownerId));

export async function findClient(db: Handle, clientId: string): Promise<ClientRecord | null> {
  const [row] = await selectClients(db).where(eq(clients.id, clientId));
  return row ? clientRecord(row) : null;
}

/** One client. Caller needs users.view. */
export async function getClient({ ctx, input }: Verb<{ clientId: unknown }>) {
  return auditAuthzFailures(ctx, "getClient", async () => {
    assertCan(ctx.actor, "users.view");
    const parsed = z.object({ clientId: z.uuid() }).safeParse(input);
    const client = parsed.success ? await findClient(ctx.db, parsed.data.clientId) : null;
    if (!client) throw NotFound("That client does not exist.");
    return client;
  });
}

export const ListClientsInput = z.object({
  ownerId: z.uuid("Unknown user.").optional(),
  externalId: z.string().max(200, "An external id has at most 200 characters.").optional(),
  q: SearchTerm.optional(),
  limit: QueryCount(200, 50, {
    notCount: "Enter a whole number of clients, like 50.",
    tooFew: "Ask for at least 1 client.",
    tooMany: "Ask for at most 200 clients.",
  }),
  cursor: z.string().max(2000, "That cursor is not valid.").optional(),
});
export type ListClientsInput = Partial<Record<keyof z.input<typeof ListClientsInput>, unknown>>;

/**
 * Clients by name (then id, so the order is stable), a page at a time with an opaque cursor; filtered
 * by owner, by external id or by a search in the name. Caller needs users.view.
 */
export async function listClients({ ctx, input }: Verb<ListClientsInput>) {
  return auditAuthzFailures(ctx, "listClients", async () => {
    assertCan(ctx.actor, "users.view");
    const query = parseInput(ListClientsInput, input);
    const where: (SQL | undefined)[] = [];
    if (query.ownerId) where.push(eq(clients.ownerId, query.ownerId));
    if (query.externalId) where.push(eq(clients.externalId, query.externalId));
    if (query.q) where.push(sql`${clients.name} ilike ${`%${query.q.replace(/[\\%_]/g, "\\$&")}%`}`);
    if (query.cursor) {
      const [name, id] = decodeCursor(query.cursor, "clients:name", ["text", "uuid"]);
      where.push(or(gt(clients.name, name), and(eq(clients.name, name), gt(clients.id, id))));
    }
    const rows = await selectClients(ctx.db)
      .where(and(...where))
      .orderBy(fold(clients.name), asc(clients.id))
      .limit(query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      data: page.map(clientRecord),
      nextCursor: rows.length > query.limit && last ? encodeCursor("clients:name", [last.name, last.id]) : null,
    };
  });
}
