import { and, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Handle } from "@/db/client";
import { assertCan, type Verb } from "../context";
import { getSettings } from "../settings/get-settings";
import { parseInput } from "../validation";
import { auditAuthzFailures } from "./authz-failures";
import { AuditFilters, auditFilterWhere, beyondCursor, selectAuditRows, type AuditRow } from "./filters";
import { lookupUnitNames, nameOfPerson } from "./lookup-names";

/** An event id from the URL (or a number from a caller). */
const Cursor = z.preprocess(
  (v) => (v === "" ? undefined : typeof v === "number" ? String(v) : v),
  z
    .string()
    .regex(/^\d{1,15}$/, "Unknown item.")
    .transform(Number)
    .optional(),
);

export const ListAuditEventsInput = AuditFilters.extend({
  /** Older than this event (the "Older" link). */
  before: Cursor,
  /** Newer than this event (the "Newer" link). */
  after: Cursor,
  pageSize: z.coerce.number().int().min(10).max(200).catch(50).default(50),
});
export type ListAuditEventsInput = Partial<Record<keyof z.input<typeof ListAuditEventsInput>, unknown>>;

async function exists(db: Handle, where: SQL | undefined): Promise<boolean> {
  return (await selectAuditRows(db, where, 1)).length > 0;
}

/**
 * One page of the audit log, newest first, filtered; keyset pagination on (at, id), so a page
 * costs the same however deep it is. `newer` and `older` are the cursors of the neighbouring pages,
 * or null at either end. The days of the date range are the organization's (its time zone
 * setting), as the end-of-day report counts them. Also returns the names the page shows with the
 * rows: the roles, branches and teams their changes point at, and the people the actor and target
 * filters name. Caller needs audit.view.
 */
export async function listAuditEvents({ ctx, input }: Verb<ListAuditEventsInput>) {
  return auditAuthzFailures(ctx, "listAuditEvents", async () => {
    assertCan(ctx.actor, "audit.view");
    const { before, after, pageSize, ...filters } = parseInput(ListAuditEventsInput, input);
    const timeZone = (await getSettings(ctx.db))["organization.timeZone"];
    const where = auditFilterWhere(filters, timeZone);
    let rows: AuditRow[];
    let newer: number | null = null;
    let older: number | null = null;
    // A page of newer events that comes out empty (they were all on the first page) is the first page.
    const newerPage =
      after !== undefined && before === undefined ? await selectAuditRows(ctx.db, and(where, beyondCursor("after", after)), pageSize + 1, "oldest") : [];
    if (newerPage.length > 0) {
      const found = newerPage;
      rows = found.slice(0, pageSize).reverse();
      if (found.length > pageSize) newer = rows[0].id;
      const last = rows[rows.length - 1].id;
      if (await exists(ctx.db, and(where, beyondCursor("before", last)))) older = last;
    } else {
      const found = await selectAuditRows(ctx.db, before !== undefined ? and(where, beyondCursor("before", before)) : where, pageSize + 1);
      rows = found.slice(0, pageSize);
      if (found.length > pageSize) older = rows[rows.length - 1].id;
      if (before !== undefined) {
        const first = rows[0]?.id ?? before;
        if (await exists(ctx.db, and(where, beyondCursor("after", first)))) newer = first;
      }
    }
    const [names, actorName, targetName] = await Promise.all([
      lookupUnitNames(ctx.db, rows),
      filters.actor ? nameOfPerson(ctx.db, filters.actor) : null,
      filters.target ? nameOfPerson(ctx.db, filters.target) : null,
    ]);
    return { rows, newer, older, filters, pageSize, timeZone, names, people: { actor: actorName, target: targetName } };
  });
}
