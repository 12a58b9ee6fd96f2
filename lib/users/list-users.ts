import { parseInput, SearchTerm } from "../validation";
import { and, asc, count, desc, eq, isNotNull, sql, type SQL } from "drizzle-orm";
import { auditAuthzFailures } from "../audit/authz-failures";
import type { PgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Handle } from "@/db/client";
import { branches, roles, teams, users } from "@/db/schema";
import { assertCan, type Verb } from "../context";
import { searchPatterns } from "./search";

export const USER_SORTS = ["name", "username", "email", "phone", "role", "branch", "team", "status", "registeredAt", "lastActivityAt", "createdAt"] as const;
export const PAGE_SIZES = [10, 25, 50, 100] as const;

const optionalUuid = z.uuid().optional().catch(undefined);

/** Query-string input: anything malformed falls back to the default instead of failing the page. */
export const ListUsersInput = z.object({
  q: SearchTerm.optional(),
  status: z.enum(["pending", "active", "inactive", "locked"]).optional().catch(undefined),
  roleId: optionalUuid,
  branchId: optionalUuid,
  teamId: optionalUuid,
  sort: z.enum(USER_SORTS).catch("name").default("name"),
  dir: z.enum(["asc", "desc"]).catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  pageSize: z.coerce
    .number()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(25)
    .default(25),
});
export type ListUsersInput = Partial<Record<keyof z.input<typeof ListUsersInput>, unknown>>;
export type ListUsersQuery = z.output<typeof ListUsersInput>;

export const sortColumns: Record<(typeof USER_SORTS)[number], (PgColumn | SQL)[]> = {
  name: [users.lastName, users.firstName],
  username: [users.username],
  email: [users.email],
  phone: [users.phone],
  role: [roles.name],
  branch: [branches.name],
  team: [teams.name],
  status: [users.status],
  registeredAt: [users.registeredAt],
  lastActivityAt: [users.lastActivityAt],
  createdAt: [users.createdAt],
};

export function userListFilter(query: ListUsersQuery): SQL | undefined {
  const where: (SQL | undefined)[] = searchPatterns(query.q ?? "").map((p) => sql`${users.searchText} like ${p}`);
  if (query.status === "locked") where.push(isNotNull(users.lockedAt));
  else if (query.status) where.push(eq(users.status, query.status));
  if (query.roleId) where.push(eq(users.roleId, query.roleId));
  if (query.branchId) where.push(eq(users.branchId, query.branchId));
  if (query.teamId) where.push(eq(users.teamId, query.teamId));
  return where.length ? and(...where) : undefined;
}

/** The list's order: the sort's columns (nulls last), then the id, so every page and export is stable. */
export function userListOrder(query: Pick<ListUsersQuery, "sort" | "dir">): SQL[] {
  const order = sortColumns[query.sort].map((c) => (query.dir === "desc" ? sql`${c} desc nulls last` : sql`${c} asc nulls last`));
  return [...order, query.dir === "desc" ? sql`${users.id} desc` : sql`${users.id} asc`];
}

/** The list page's query; also used by the benchmark to compare with raw SQL. */
export function selectUserRows(db: Handle, query: ListUsersQuery) {
  const order = sortColumns[query.sort].flatMap((c) => [query.dir === "desc" ? sql`${c} desc nulls last` : sql`${c} asc nulls last`]);
  return db
    .select({
      id: users.id,
      firstName: users.firstName,
      lastName: users.lastName,
      username: users.username,
      email: users.email,
      phone: users.phone,
      status: users.status,
      lockedAt: users.lockedAt,
      lockReason: users.lockReason,
      registeredAt: users.registeredAt,
      lastActivityAt: users.lastActivityAt,
      role: roles.name,
      branch: branches.name,
      team: teams.name,
    })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .leftJoin(branches, eq(branches.id, users.branchId))
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(userListFilter(query))
    .orderBy(...order, query.dir === "desc" ? desc(users.id) : asc(users.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
}

/** Search, filter, sort and paginate the users. Caller needs users.view. */
export async function listUsers({ ctx, input }: Verb<ListUsersInput>) {
  return auditAuthzFailures(ctx, "listUsers", async () => {
    assertCan(ctx.actor, "users.view");
    const query = parseInput(ListUsersInput, input);
    const [rows, [{ total }]] = await Promise.all([selectUserRows(ctx.db, query), ctx.db.select({ total: count() }).from(users).where(userListFilter(query))]);
    return { rows, total, query };
  });
}

export type UserRow = Awaited<ReturnType<typeof listUsers>>["rows"][number];
