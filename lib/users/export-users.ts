import { eq } from "drizzle-orm";
import { branches, roles, teams, users } from "@/db/schema";
import { auditAuthzFailures } from "../audit/authz-failures";
import { recordAudit } from "../audit/record-audit";
import { assertCan, type Verb } from "../context";
import { csvLine } from "../csv/escape";
import { IMPORT_COLUMNS } from "../imports/columns";
import { parseInput } from "../validation";
import { ListUsersInput, userListFilter, userListOrder, type ListUsersInput as ListInput } from "./list-users";

const yesNo = (v: boolean) => (v ? "yes" : "no");

/**
 * The filtered, sorted user list as CSV in the import template's columns, so that an export imports
 * back as "unchanged": names, role, branch and team by name, dates as YYYY-MM-DD, phones in E.164,
 * flags as yes/no. Read in batches (memory stays flat however many users match) in the list's
 * order with the id as tie-break; every field through the shared escaper (a phone's leading + is
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
    let offset = 0;
    const read = () =>
      ctx.db
        .select({
          firstName: users.firstName,
          lastName: users.lastName,
          username: users.username,
          email: users.email,
          personalEmail: users.personalEmail,
          phone: users.phone,
          gender: users.gender,
          birthday: users.birthday,
          country: users.country,
          language: users.language,
          position: users.position,
          branch: branches.name,
          team: teams.name,
          role: roles.name,
          status: users.status,
          accountExpiresOn: users.accountExpiresOn,
          adminConsoleAccess: users.adminConsoleAccess,
          sendEndOfDayReport: users.sendEndOfDayReport,
          notifyGeneral: users.notifyGeneral,
          notifyDomain: users.notifyDomain,
          notifyInvoice: users.notifyInvoice,
          notifyService: users.notifyService,
        })
        .from(users)
        .innerJoin(roles, eq(roles.id, users.roleId))
        .leftJoin(branches, eq(branches.id, users.branchId))
        .leftJoin(teams, eq(teams.id, users.teamId))
        .where(where)
        .orderBy(...order)
        .limit(batchSize)
        .offset(offset);
    const stream = new ReadableStream<Uint8Array>(
      {
        start(controller) {
          controller.enqueue(encoder.encode(`\uFEFF${csvLine(IMPORT_COLUMNS.map((c) => c.header))}`));
        },
        async pull(controller) {
          const rows = await read();
          offset += rows.length;
          if (rows.length)
            controller.enqueue(
              encoder.encode(
                rows
                  .map((r) =>
                    csvLine(
                      IMPORT_COLUMNS.map(({ field }) => {
                        const value = r[field as keyof typeof r];
                        return typeof value === "boolean" ? yesNo(value) : value;
                      }),
                    ),
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
