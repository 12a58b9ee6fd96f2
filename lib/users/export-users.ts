import { and, eq, type SQL } from "drizzle-orm";
import { branches, roles, teams, users } from "@/db/schema";
import { auditAuthzFailures } from "../audit/authz-failures";
import { recordAudit } from "../audit/record-audit";
import { assertCan, type Verb } from "../context";
import { csvLine } from "../csv/escape";
import { EXPORT_RECORD_COLUMNS, IMPORT_COLUMNS } from "../imports/columns";
import { parseInput } from "../validation";
import { USER_FIELD_COLUMNS } from "./user-records";
import {
  pageCondition,
  listKeyColumns,
  listKeyOf,
  ListUsersInput,
  userListFilter,
  userListOrder,
  type ListKey,
  type ListUsersInput as ListInput,
} from "./list-users";

const yesNo = (v: boolean) => (v ? "yes" : "no");
/** A moment as spreadsheets read one, in UTC to the second: "2026-12-03 06:10:00". */
const moment = (v: Date | null) => (v ? v.toISOString().slice(0, 19).replace("T", " ") : null);

/**
 * The filtered, sorted user list as CSV in the import template's columns, then the account's record
 * (registered, last sign-in and activity, locked and why: read-only, ignored by the import), so that an export imports
 * back as "unchanged": names, role, branch and team by name, dates as YYYY-MM-DD, phones in E.164,
 * flags as yes/no. Read in keyset batches (memory stays flat however many users match) in the
 * list's order with the id as tie-break; every field through the shared escaper (a phone's leading + is
 * protected from spreadsheets and restored by the import). The export is recorded. Caller needs
 * users.view.
 */
export async function exportUsers({ ctx, input, batchSize = 2_000 }: Verb<ListInput> & { batchSize?: number }) {
  return auditAuthzFailures(ctx, "exportUsers", async () => {
    assertCan(ctx.actor, "users.view");
    const query = parseInput(ListUsersInput, input);
    const where = userListFilter(query);
    const order = userListOrder(query);
    const defined = Object.fromEntries(
      Object.entries({ q: query.q, status: query.status, roleId: query.roleId, branchId: query.branchId, teamId: query.teamId }).filter(([, v]) => v),
    );
    await recordAudit(ctx.db, ctx, "users.exported", { detail: { filters: defined, sort: query.sort, dir: query.dir } });
    const encoder = new TextEncoder();
    // Keyset over the list's order (sort columns, nulls last, then id): each batch starts after the
    // last row of the one before, so the 2,000th batch costs what the first does.
    let last: ListKey | null = null;
    const after = (): SQL | undefined => pageCondition(query, last, "after", batchSize);
    const keyText = listKeyColumns(query);
    const read = () =>
      ctx.db
        .select({
          ...USER_FIELD_COLUMNS,
          ...keyText,
          branch: branches.name,
          team: teams.name,
          role: roles.name,
          registeredAt: users.registeredAt,
          lastLoginAt: users.lastLoginAt,
          lastActivityAt: users.lastActivityAt,
          lockReason: users.lockReason,
        })
        .from(users)
        .innerJoin(roles, eq(roles.id, users.roleId))
        .leftJoin(branches, eq(branches.id, users.branchId))
        .leftJoin(teams, eq(teams.id, users.teamId))
        .where(and(where, after()))
        .orderBy(...order)
        .limit(batchSize);
    const stream = new ReadableStream<Uint8Array>(
      {
        start(controller) {
          controller.enqueue(encoder.encode(`\uFEFF${csvLine([...IMPORT_COLUMNS, ...EXPORT_RECORD_COLUMNS].map((c) => c.header))}`));
        },
        async pull(controller) {
          const rows = await read();
          const tail = rows.at(-1) as (Record<string, unknown> & { id: string }) | undefined;
          if (tail) last = listKeyOf(query, tail);
          if (rows.length)
            controller.enqueue(
              encoder.encode(
                rows
                  .map((r) =>
                    csvLine([
                      ...IMPORT_COLUMNS.map(({ field }) => {
                        const value = r[field as keyof typeof r];
                        return typeof value === "boolean" ? yesNo(value) : value;
                      }),
                      ...EXPORT_RECORD_COLUMNS.map(({ key }) => (key === "lockReason" ? r.lockReason : moment(r[key]))),
                    ]),
                  )
                  .join(""),
              ),
            );
          if (rows.length < batchSize) controller.close();
        },
      },
      { highWaterMark: 1 },
    );
    return { filename: `rollcall-users-${ctx.now().toISOString().slice(0, 10)}.csv`, stream };
  });
}
