import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Handle } from "@/db/client";
import { branches, roles, teams, users } from "@/db/schema";
import { auditAuthzFailures } from "../audit/authz-failures";
import { assertCan, type Verb } from "../context";
import { NotFound } from "../errors";
import { decodeCursor, encodeCursor, type CursorValue } from "../pagination/cursor";
import { parseInput, QueryCount, SearchTerm } from "../validation";
import { sortColumns, userListFilter } from "./list-users";

/** The columns an administrator sets on a user (by id for role, branch and team), and the state the rules read. */
export const USER_FIELD_COLUMNS = {
  id: users.id,
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
  roleId: users.roleId,
  branchId: users.branchId,
  teamId: users.teamId,
  status: users.status,
  lockedAt: users.lockedAt,
  accountExpiresOn: users.accountExpiresOn,
  adminConsoleAccess: users.adminConsoleAccess,
  sendEndOfDayReport: users.sendEndOfDayReport,
  notifyGeneral: users.notifyGeneral,
  notifyDomain: users.notifyDomain,
  notifyInvoice: users.notifyInvoice,
  notifyService: users.notifyService,
};

const COLUMNS = {
  ...USER_FIELD_COLUMNS,
  roleName: roles.name,
  branchName: branches.name,
  teamName: teams.name,
  lockReason: users.lockReason,
  mustChangePassword: users.mustChangePassword,
  registeredAt: users.registeredAt,
  confirmedAt: users.confirmedAt,
  lastLoginAt: users.lastLoginAt,
  lastActivityAt: users.lastActivityAt,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
  version: users.version,
};

type Row = Awaited<ReturnType<typeof selectUsers>>[number];

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A user as the API gives it: every field an administrator sets, the state, never a hash. */
export function userRecord(row: Row) {
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    username: row.username,
    email: row.email,
    personalEmail: row.personalEmail,
    phone: row.phone,
    gender: row.gender,
    birthday: row.birthday,
    country: row.country,
    language: row.language,
    position: row.position,
    role: { id: row.roleId, name: row.roleName },
    branch: row.branchId ? { id: row.branchId, name: row.branchName ?? "" } : null,
    team: row.teamId ? { id: row.teamId, name: row.teamName ?? "" } : null,
    status: row.status,
    locked: row.lockedAt ? { at: row.lockedAt.toISOString(), reason: row.lockReason } : null,
    accountExpiresOn: row.accountExpiresOn,
    adminConsoleAccess: row.adminConsoleAccess,
    sendEndOfDayReport: row.sendEndOfDayReport,
    notifyGeneral: row.notifyGeneral,
    notifyDomain: row.notifyDomain,
    notifyInvoice: row.notifyInvoice,
    notifyService: row.notifyService,
    mustChangePassword: row.mustChangePassword,
    registeredAt: iso(row.registeredAt),
    confirmedAt: iso(row.confirmedAt),
    lastLoginAt: iso(row.lastLoginAt),
    lastActivityAt: iso(row.lastActivityAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}
export type UserRecord = ReturnType<typeof userRecord>;

function selectUsers(db: Handle, extra: Record<string, SQL> = {}) {
  return db
    .select({ ...COLUMNS, ...extra })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .leftJoin(branches, eq(branches.id, users.branchId))
    .leftJoin(teams, eq(teams.id, users.teamId));
}

/** One user's record. Caller needs users.view. */
export async function getUserRecord({ ctx, input }: Verb<{ userId: unknown }>): Promise<UserRecord> {
  return auditAuthzFailures(ctx, "getUser", async () => {
    assertCan(ctx.actor, "users.view");
    const parsed = z.object({ userId: z.uuid() }).safeParse(input);
    const [row] = parsed.success ? await selectUsers(ctx.db).where(eq(users.id, parsed.data.userId)) : [];
    if (!row) throw NotFound("That user does not exist.");
    return userRecord(row);
  });
}

/** The sorts a keyset page can follow: each a list of non-null columns, then the id. */
/** The API's sorts: names as the list page orders them (sortColumns), under the same indexes. */
const KEYSET_SORTS: Record<"name" | "username" | "email" | "createdAt" | "updatedAt", [PgColumn | SQL, CursorValue][]> = {
  name: [
    [sortColumns.name[0], "text"],
    [sortColumns.name[1], "text"],
  ],
  username: [[sortColumns.username[0], "text"]],
  email: [[sortColumns.email[0], "text"]],
  createdAt: [[users.createdAt, "timestamp"]],
  updatedAt: [[users.updatedAt, "timestamp"]],
};
export const USER_PAGE_SORTS = Object.keys(KEYSET_SORTS) as (keyof typeof KEYSET_SORTS)[];

export const UserPageInput = z.object({
  q: SearchTerm.optional(),
  status: z.enum(["pending", "active", "inactive", "locked"], "Choose pending, active, inactive or locked.").optional(),
  roleId: z.uuid("Unknown role.").optional(),
  branchId: z.uuid("Unknown branch.").optional(),
  teamId: z.uuid("Unknown team.").optional(),
  sort: z.enum(USER_PAGE_SORTS as [string, ...string[]], `Sort by ${USER_PAGE_SORTS.join(", ")}.`).default("name"),
  dir: z.enum(["asc", "desc"], "Sort asc or desc.").default("asc"),
  limit: QueryCount(200, 50, {
    notCount: "Enter a whole number of users, like 50.",
    tooFew: "Ask for at least 1 user.",
    tooMany: "Ask for at most 200 users.",
  }),
  cursor: z.string().max(2000, "That cursor is not valid.").optional(),
});
export type UserPageInput = Partial<Record<keyof z.input<typeof UserPageInput>, unknown>>;

/**
 * Users a page at a time by keyset (the sort's columns, then the id), so page 2,000 costs what page
 * 1 costs and a user added meanwhile neither repeats nor skips a row. Same search and filters as the
 * list page. Caller needs users.view.
 */
export async function pageUsers({ ctx, input }: Verb<UserPageInput>) {
  return auditAuthzFailures(ctx, "listUsers", async () => {
    assertCan(ctx.actor, "users.view");
    const query = parseInput(UserPageInput, input);
    const { select, keys, scope } = selectUserPage(ctx.db, query);
    const rows = await select;
    const page = rows.slice(0, query.limit);
    const last = page.at(-1) as (Row & Record<string, string>) | undefined;
    return {
      data: page.map((row) => userRecord(row)),
      nextCursor: rows.length > query.limit && last ? encodeCursor(scope, [...keys.map((_, i) => last[`k${i}`]), last.id]) : null,
    };
  });
}

/** The keyset page's query (one more row than asked, to know whether a next page exists); the benchmark runs it raw too. */
export function selectUserPage(db: Handle, query: z.output<typeof UserPageInput>) {
  const sort = query.sort as keyof typeof KEYSET_SORTS;
  const keys = KEYSET_SORTS[sort];
  const scope = `users:${sort}:${query.dir}`;
  const columns = [...keys.map(([c]) => c), users.id];
  const where: (SQL | undefined)[] = [userListFilter({ ...query, sort: "name", page: 1, pageSize: 25, status: query.status })];
  if (query.cursor) {
    const values = decodeCursor(query.cursor, scope, [...keys.map(([, kind]) => kind), "uuid"]);
    const typed = values.map((v, i) => (i === keys.length ? sql`${v}::uuid` : keys[i][1] === "timestamp" ? sql`${v}::timestamptz` : sql`${v}`));
    const op = query.dir === "asc" ? sql`>` : sql`<`;
    where.push(sql`(${sql.join(columns, sql`, `)}) ${op} (${sql.join(typed, sql`, `)})`);
  }
  const order = columns.map((c) => (query.dir === "asc" ? asc(c) : desc(c)));
  const cursorText = Object.fromEntries(keys.map(([c], i) => [`k${i}`, sql<string>`${c}::text`]));
  const select = selectUsers(db, cursorText)
    .where(and(...where))
    .orderBy(...order)
    .limit(query.limit + 1);
  return { select, keys, scope };
}
