import { parseInput, SearchTerm } from "../validation";
import { and, count, eq, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { auditAuthzFailures } from "../audit/authz-failures";
import type { PgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Handle } from "@/db/client";
import { branches, roles, teams, users } from "@/db/schema";
import { fold } from "@/db/schema/fold";
import { assertCan, type Verb } from "../context";
import { DomainError } from "../errors";
import { searchPatterns, searchReadsEveryRow } from "./search";
import { decodeCursor, encodeCursor, type CursorValue } from "../pagination/cursor";

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
  /** Keyset cursors from the page's Next / Previous links; a forged one is dropped (page 1). */
  after: z.string().max(2000).optional().catch(undefined),
  before: z.string().max(2000).optional().catch(undefined),
});
export type ListUsersInput = Partial<Record<keyof z.input<typeof ListUsersInput>, unknown>>;
export type ListUsersQuery = z.output<typeof ListUsersInput>;

/** Surname, then first name, as a reader sorts them: the list's default order, and within every equal value of another sort. */
const byName = [fold(users.lastName), fold(users.firstName)];

/**
 * What each sort orders by. Names are ordered as a reader reads them ("Álvarez" beside "Alba",
 * "Administrator" before "API Basic"), not by their bytes as the database's C collation does: folded
 * (case and accents) under an index of the same expression, or lower() under the unique indexes of
 * usernames and e-mail addresses. Within one status, role, branch or team, people go by name (under
 * an index of the status, or the unit, then the names; indexedPage reads the units in turn).
 */
export const sortColumns: Record<(typeof USER_SORTS)[number], (PgColumn | SQL)[]> = {
  name: byName,
  username: [sql`lower(${users.username})`],
  email: [sql`lower(${users.email})`],
  phone: [users.phone],
  role: [fold(roles.name), ...byName],
  branch: [fold(branches.name), ...byName],
  team: [fold(teams.name), ...byName],
  status: [users.status, ...byName],
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

/**
 * The list's order: the sort's columns (nulls last), then the id, so every page and export is stable.
 * A column that is never null gets no nulls clause: "desc nulls last" is not what an index read
 * backwards gives, and PostgreSQL would then sort the whole table to find a page.
 */
export function userListOrder(query: Pick<ListUsersQuery, "sort" | "dir">): SQL[] {
  return listOrder(query.sort, query.dir, "last");
}

/** The only words an ORDER BY here is written with: fixed fragments, looked up, never a caller's string. */
const DIRECTIONS = { asc: sql.raw("asc"), desc: sql.raw("desc") } as const;
const NULLS = { first: sql.raw(" nulls first"), last: sql.raw(" nulls last") } as const;

/** The sort's columns and then the id, each in `dir`, nulls where asked (only the columns that hold any). */
function listOrder(sort: ListUsersQuery["sort"], dir: "asc" | "desc", nulls: "first" | "last"): SQL[] {
  const direction = Object.hasOwn(DIRECTIONS, dir) ? DIRECTIONS[dir] : null;
  if (!direction || !Object.hasOwn(NULLS, nulls)) throw new Error("listOrder: unknown direction"); // a bug, never a reader's input: the boundary parsed it
  const order = sortColumns[sort].map((c, i) => sql`${c} ${direction}${SORT_KEYS[sort][i].nullable ? NULLS[nulls] : sql``}`);
  return [...order, sql`${users.id} ${direction}`];
}

/** What each sort's columns hold, for the cursor, and which may be null (they sort last). */
const NAME_KEYS = [
  { kind: "text", nullable: false },
  { kind: "text", nullable: false },
] as const;
const SORT_KEYS: Record<(typeof USER_SORTS)[number], readonly { kind: CursorValue; nullable: boolean; cast?: "user_status" }[]> = {
  name: NAME_KEYS,
  username: [{ kind: "text", nullable: false }],
  email: [{ kind: "text", nullable: false }],
  phone: [{ kind: "text", nullable: true }],
  role: [{ kind: "text", nullable: false }, ...NAME_KEYS],
  branch: [{ kind: "text", nullable: true }, ...NAME_KEYS],
  team: [{ kind: "text", nullable: true }, ...NAME_KEYS],
  status: [{ kind: "text", nullable: false, cast: "user_status" }, ...NAME_KEYS],
  registeredAt: [{ kind: "timestamp", nullable: true }],
  lastActivityAt: [{ kind: "timestamp", nullable: true }],
  createdAt: [{ kind: "timestamp", nullable: false }],
};

/** A row's place in the list: its sort values (as PostgreSQL's text) and its id. */
export interface ListKey {
  values: (string | null)[];
  id: string;
}

const scopeOf = (query: Pick<ListUsersQuery, "sort" | "dir">) => `list:${query.sort}:${query.dir}`;

export function encodeListKey(query: Pick<ListUsersQuery, "sort" | "dir">, key: ListKey): string {
  return encodeCursor(scopeOf(query), [...key.values, key.id]);
}

/** The key a cursor carries, or null when it is not one of this sort's (then the page starts over). */
export function decodeListKey(query: Pick<ListUsersQuery, "sort" | "dir">, cursor: string): ListKey | null {
  const keys = SORT_KEYS[query.sort];
  try {
    const values = decodeCursor(cursor, scopeOf(query), [...keys.map((k) => k.kind), "uuid"], [...keys.map((k) => k.nullable), false]);
    return { values: values.slice(0, -1), id: values.at(-1)! };
  } catch {
    return null;
  }
}

/** Each sort column as text, named k0, k1…: what a row's ListKey is made of. */
export function listKeyColumns(query: Pick<ListUsersQuery, "sort">) {
  return Object.fromEntries(sortColumns[query.sort].map((c, i) => [`k${i}`, sql<string | null>`${c}::text`]));
}

export function listKeyOf(query: Pick<ListUsersQuery, "sort">, row: Record<string, unknown> & { id: string }): ListKey {
  return { values: sortColumns[query.sort].map((_, i) => (row[`k${i}`] as string | null) ?? null), id: row.id };
}

/**
 * The rows beyond a key in the list's order (sort columns nulls last, then the id): `after` it for
 * the next page, `before` it for the previous one. With the sort's filter it makes page 2,000 cost
 * what page 1 costs, where OFFSET would walk every row before it.
 */
export function beyondKey(query: Pick<ListUsersQuery, "sort" | "dir">, key: ListKey, side: "after" | "before"): SQL {
  const columns = sortColumns[query.sort];
  const kinds = SORT_KEYS[query.sort];
  // Whether "beyond" means a greater value: after in ascending order, before in descending.
  const greater = (side === "after") === (query.dir === "asc");
  const typedValue = (i: number, v: string) => (kinds[i].kind === "timestamp" ? sql`${v}::timestamptz` : kinds[i].cast ? sql`${v}::user_status` : sql`${v}`);
  if (kinds.every((k) => !k.nullable)) {
    // No nulls to place: one row comparison, which an index on the sort's columns can serve.
    const left = sql.join([...columns, users.id], sql`, `);
    const right = sql.join([...key.values.map((v, i) => typedValue(i, v!)), sql`${key.id}::uuid`], sql`, `);
    return greater ? sql`(${left}) > (${right})` : sql`(${left}) < (${right})`;
  }
  let rest = greater ? sql`${users.id} > ${key.id}::uuid` : sql`${users.id} < ${key.id}::uuid`;
  for (let i = columns.length - 1; i >= 0; i--) {
    const c = columns[i];
    const v = key.values[i];
    if (v === null) {
      // Nulls sort last: after a null come only nulls; before it, every value and the earlier nulls.
      rest = side === "after" ? sql`(${c} is null and ${rest})` : sql`(${c} is not null or (${c} is null and ${rest}))`;
      continue;
    }
    const typed = typedValue(i, v);
    const past = greater ? sql`${c} > ${typed}` : sql`${c} < ${typed}`;
    rest =
      side === "after" && kinds[i].nullable ? sql`(${past} or ${c} is null or (${c} = ${typed} and ${rest}))` : sql`(${past} or (${c} = ${typed} and ${rest}))`;
  }
  return rest;
}

/** The sorts by a unit the user belongs to: its table, and the user's column pointing at it. */
const UNIT_SORTS = {
  role: { table: roles, id: roles.id, name: roles.name, member: users.roleId, nullable: false },
  branch: { table: branches, id: branches.id, name: branches.name, member: users.branchId, nullable: true },
  team: { table: teams, id: teams.id, name: teams.name, member: users.teamId, nullable: true },
} as const;

/** The sorts by a value some users lack (nulls last): each under an index of the value and the id. */
const VALUE_SORTS = { phone: users.phone, registeredAt: users.registeredAt, lastActivityAt: users.lastActivityAt } as const;

/**
 * Which rows a page of `limit` rows may come from, beside the list's filter: those beyond `key` on
 * `side` of it (no key: from the start). Every page read in the list's order goes through it, so that
 * each sort reads an index rather than sorting the table.
 */
export function pageCondition(query: ListUsersQuery, key: ListKey | null, side: "after" | "before", limit: number): SQL | undefined {
  return indexedPage(query, key, side, limit) ?? (key ? beyondKey(query, key, side) : undefined);
}

/**
 * The ids of a page sorted by role, branch or team, or by a value some users lack, read from indexes
 * instead of a sort of the whole table. Nothing indexes a user by their unit's name, so that order
 * read every user and sorted them (290 ms a page at 100,000 users); and an index of a value read
 * backwards puts its nulls first, where the list puts them last both ways (80-95 ms). Here each unit's
 * first `limit` members beyond the key come from the index of its members by name
 * (users_role_name_idx…), the units in turn; a value's first `limit` from its index, those without it
 * apart (from the same index); the page is the first `limit` of those. The caller reads the ids as
 * usual. Only where reading this way pays: with no search (the trigram index finds the few matches
 * faster) and no filter on another unit (a small team's members would be looked for among everyone).
 * Null where it does not apply: the caller's usual condition serves.
 */
function indexedPage(query: ListUsersQuery, key: ListKey | null, side: "after" | "before", limit: number): SQL | null {
  const { sort } = query;
  const unit = Object.hasOwn(UNIT_SORTS, sort) ? UNIT_SORTS[sort as keyof typeof UNIT_SORTS] : null;
  const value = Object.hasOwn(VALUE_SORTS, sort) ? VALUE_SORTS[sort as keyof typeof VALUE_SORTS] : null;
  if (!unit && !value) return null;
  if (query.q || (["roleId", "branchId", "teamId"] as const).some((f) => query[f] && f !== `${sort}Id`)) return null;
  // Reading backwards (the page before a key) turns every direction and puts the nulls first.
  const dir = (side === "before") === (query.dir === "asc") ? "desc" : "asc";
  const d = DIRECTIONS[dir];
  const past = (left: (SQL | PgColumn)[], right: SQL[]) => sql`(${sql.join(left, sql`, `)}) ${dir === "asc" ? sql`>` : sql`<`} (${sql.join(right, sql`, `)})`;
  const filter = userListFilter(query);
  const id = sql`${key?.id}::uuid`;
  let valued: (key: ListKey | null) => SQL[];
  let nulls: ((key: ListKey | null) => SQL) | null;
  let order: SQL;
  if (unit) {
    const names = [fold(users.lastName), fold(users.firstName), users.id];
    const members = (where: SQL | undefined) =>
      sql`select ${users.id} as id, ${fold(users.lastName)} as l, ${fold(users.firstName)} as f from ${users} where ${where} order by l ${d}, f ${d}, id ${d} limit ${limit}`;
    const pastKey = (k: ListKey | null) => (k ? past(names, [sql`${k.values[1]}`, sql`${k.values[2]}`, id]) : undefined);
    const ofUnits = (units: SQL, k: ListKey | null) =>
      sql`select ${fold(unit.name)} as g, m.* from ${unit.table} cross join lateral (${members(and(filter, eq(unit.member, unit.id), pastKey(k)))}) m where ${units}`;
    const name = sql`${key?.values[0]}`;
    // The key's own unit (and any whose name folds to the same) past the key, then the units after it.
    valued = (k) => (k ? [ofUnits(sql`${fold(unit.name)} = ${name}`, k), ofUnits(past([fold(unit.name)], [name]), null)] : [ofUnits(sql`true`, null)]);
    nulls = unit.nullable ? (k) => sql`select null::text as g, m.* from (${members(and(filter, isNull(unit.member), pastKey(k)))}) m` : null;
    order = sql`g ${d}${side === "before" ? NULLS.first : NULLS.last}, l ${d}, f ${d}, id ${d}`;
  } else {
    const column = value!;
    const typed = SORT_KEYS[sort][0].kind === "timestamp" ? sql`${key?.values[0]}::timestamptz` : sql`${key?.values[0]}`;
    // Ordered by the column and the id on both sides, so each reads the index of both in order.
    const rows = (where: SQL | undefined) =>
      sql`select ${users.id} as id, ${column} as v from ${users} where ${where} order by ${column} ${d}, ${users.id} ${d} limit ${limit}`;
    valued = (k) => [rows(and(filter, isNotNull(column), k ? past([column, users.id], [typed, id]) : undefined))];
    nulls = (k) => rows(and(filter, isNull(column), k ? past([users.id], [id]) : undefined));
    order = sql`v ${d}${side === "before" ? NULLS.first : NULLS.last}, id ${d}`;
  }
  const parts: SQL[] = [];
  if (!key) parts.push(...valued(null), ...(nulls ? [nulls(null)] : []));
  else if (key.values[0] === null) {
    // The key is among those without a value, the list's last: before it come all the valued too.
    if (nulls) parts.push(nulls(key));
    if (side === "before") parts.push(...valued(null));
  } else {
    parts.push(...valued(key));
    if (side === "after" && nulls) parts.push(nulls(null));
  }
  return sql`${users.id} in (select id from (${sql.join(
    parts.map((part) => sql`(${part})`),
    sql` union all `,
  )}) page order by ${order} limit ${limit})`;
}

/** The list page's query; also used by the benchmark to compare with raw SQL. */
export function selectUserRows(db: Handle, query: ListUsersQuery, { where, reverse = false, limit = query.pageSize, offset = 0 }: RowWindow = {}) {
  const order = reverse ? reversedOrder(query) : userListOrder(query);
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
      ...listKeyColumns(query),
    })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .leftJoin(branches, eq(branches.id, users.branchId))
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(and(userListFilter(query), where))
    .orderBy(...order)
    .limit(limit)
    .offset(offset);
}

interface RowWindow {
  where?: SQL;
  reverse?: boolean;
  limit?: number;
  offset?: number;
}

/** The list's order read backwards (for the page before a key): every direction flipped, nulls first. */
function reversedOrder(query: Pick<ListUsersQuery, "sort" | "dir">): SQL[] {
  return listOrder(query.sort, query.dir === "desc" ? "asc" : "desc", "first");
}

/** Counting every match costs a scan; past this many, the page says "more than". */
export const COUNT_CAP = 10_000;

export type ListCount = { value: number; kind: "exact" | "about" | "atLeast" };

/**
 * How many users the list holds, never at the cost of a full scan per page view. With no filter,
 * PostgreSQL's own estimate once the table is large ("about 100,000"). With a search the trigram
 * index can't look up (only terms of one or two characters: "ab"), the planner's estimate of the
 * matches too, on a large table: counting them would read every row (60 ms at 100,000 users). Otherwise an
 * exact count up to COUNT_CAP, then "more than".
 */
export async function countUsers(db: Handle, query: ListUsersQuery, cap = COUNT_CAP): Promise<ListCount> {
  const filter = userListFilter(query);
  if (!filter || searchReadsEveryRow(query.q ?? "")) {
    const { rows } = await db.execute<{ n: number }>(sql`select reltuples::float8 as n from pg_class where oid = 'users'::regclass`);
    const size = Number(rows[0]?.n ?? -1);
    if (size > cap) return { value: filter ? roughly(await plannedRows(db, filter)) : Math.round(size), kind: "about" };
  }
  const [{ n }] = await cappedCountQuery(db, query, cap);
  return n > cap ? { value: cap, kind: "atLeast" } : { value: n, kind: "exact" };
}

/** The planner's estimate of the users a filter matches (its statistics: search_text keeps 1,000 histogram buckets, migration 0017). */
async function plannedRows(db: Handle, filter: SQL): Promise<number> {
  const { rows } = await db.execute<Record<string, unknown>>(sql`explain (format json) select 1 from ${users} where ${filter}`);
  const raw = Object.values(rows[0] ?? {})[0];
  const plan = (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: { "Plan Rows": number } }[];
  return plan[0]?.Plan["Plan Rows"] ?? 0;
}

/** An estimate to two significant figures: 2,603 → 2,600; 38 → 38. */
export function roughly(n: number): number {
  if (n < 100) return Math.max(1, Math.round(n));
  const unit = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
}

/**
 * The count as the page shows it: a list that fits on the one page it shows holds exactly its rows,
 * whatever was counted or estimated; an estimate below the rows already reached (`seen`: this page's
 * and the pages before it) with more to come says "more than" those instead.
 */
export function settledCount(
  counted: ListCount,
  shown: number,
  { seen, hasPrevious, hasNext }: { seen: number; hasPrevious: boolean; hasNext: boolean },
): ListCount {
  if (!hasPrevious && !hasNext) return { value: shown, kind: "exact" };
  if (counted.kind === "about" && hasNext && counted.value <= seen) return { value: seen, kind: "atLeast" };
  return counted;
}

/** The count the list runs when it counts: at most cap + 1 matching rows are read. Also run raw by the benchmark. */
export function cappedCountQuery(db: Handle, query: ListUsersQuery, cap = COUNT_CAP) {
  const capped = db
    .select({ one: sql`1` })
    .from(users)
    .where(userListFilter(query))
    .limit(cap + 1)
    .as("capped");
  return db.select({ n: count() }).from(capped);
}

/**
 * Search, filter, sort and paginate the users. Next / Previous follow keyset cursors (`after`,
 * `before`), so a deep page costs what page 1 costs; the page number travels with them for the
 * "page N of M" line. A bare `page` (a typed URL) still works, by OFFSET. Caller needs users.view.
 */
export async function listUsers(verb: Verb<ListUsersInput>) {
  const page = await listUsersCountLater(verb);
  return { ...page, total: await page.total };
}

const UNIT_FILTERS = [
  ["roleId", roles, "That role does not exist."],
  ["branchId", branches, "That branch no longer exists."],
  ["teamId", teams, "That team no longer exists."],
] as const;

/**
 * A filter on a role, branch or team that is gone (a deleted branch in an old link) is refused, by
 * name, rather than applied: it matched nobody while every filter read "Any", leaving nothing to clear.
 */
async function assertUnitFiltersExist(db: Handle, query: ListUsersQuery): Promise<void> {
  const asked = UNIT_FILTERS.filter(([key]) => query[key]);
  if (!asked.length) return;
  const found = await Promise.all(asked.map(([key, table]) => db.select({ id: table.id }).from(table).where(eq(table.id, query[key]!))));
  const gone = asked.filter((_, i) => !found[i].length);
  if (gone.length) throw new DomainError("validation", gone[0][2], { fieldErrors: Object.fromEntries(gone.map(([key, , message]) => [key, [message]])) });
}

/**
 * listUsers with the count still on its way: the rows come back as soon as PostgreSQL has read them,
 * and `total` when it has counted, which on a search takes about three times as long as the 25 rows (it
 * reads every match up to COUNT_CAP). The /users page renders its table meanwhile and waits for the
 * count only where it shows it (docs/performance.md, session 16). `total` is never left unhandled:
 * a failed count rejects it for whoever reads it, and for no one else.
 */
export async function listUsersCountLater({ ctx, input }: Verb<ListUsersInput>) {
  return auditAuthzFailures(ctx, "listUsers", async () => {
    assertCan(ctx.actor, "users.view");
    const query = parseInput(ListUsersInput, input);
    await assertUnitFiltersExist(ctx.db, query);
    const after = query.after ? decodeListKey(query, query.after) : null;
    const before = !after && query.before ? decodeListKey(query, query.before) : null;
    const limit = query.pageSize + 1; // one more, to know whether there is another page that way
    let window: RowWindow;
    if (after) window = { where: pageCondition(query, after, "after", limit), limit };
    else if (before) window = { where: pageCondition(query, before, "before", limit), reverse: true, limit };
    else if (query.page === 1) window = { where: pageCondition(query, null, "after", limit), limit };
    else window = { limit, offset: (query.page - 1) * query.pageSize };
    const page = query.page;
    const counting = countUsers(ctx.db, query);
    counting.catch(() => {}); // the rows' own failure is the one the caller hears of
    const fetched = await selectUserRows(ctx.db, query, window);
    const more = fetched.length > query.pageSize;
    const rows = before ? fetched.slice(0, query.pageSize).reverse() : fetched.slice(0, query.pageSize);
    const first = rows[0];
    const last = rows.at(-1);
    const hasPrevious = before ? more : page > 1 || !!after;
    const hasNext = before ? true : more;
    const total = counting.then((counted) => settledCount(counted, rows.length, { seen: (page - 1) * query.pageSize + rows.length, hasPrevious, hasNext }));
    total.catch(() => {});
    return {
      rows,
      total,
      query: { ...query, page: before && !more ? 1 : page },
      previous: hasPrevious && first ? encodeListKey(query, listKeyOf(query, first)) : null,
      next: hasNext && last ? encodeListKey(query, listKeyOf(query, last)) : null,
    };
  });
}

export type UserRow = Awaited<ReturnType<typeof listUsers>>["rows"][number];
