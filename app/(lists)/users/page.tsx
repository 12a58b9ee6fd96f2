import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { pageHref, Pagination } from "@/components/ui/pagination";
import { UserRowMenus } from "@/components/users/user-actions";
import { BulkUsers } from "@/components/users/bulk-actions";
import { UsersFilter } from "@/components/users/users-filter";
import { UsersHeading } from "@/components/users/users-heading";
import { unitRef } from "@/components/users/list-units";
import { UsersTable, type UserListRow } from "@/components/users/users-table";
import { pageContext, pageList, pageRead } from "@/lib/auth";
import { can } from "@/lib/context";
import { formatDate, formatDateTime, type Locale } from "@/lib/format";
import { userFormOptions } from "@/lib/users/form-options";
import { outrankingUsers } from "@/lib/users/queries";
import { listUsersCountLater, PAGE_SIZES, type ListCount, type ListUsersQuery } from "@/lib/users/list-users";
import { formatPhone } from "@/lib/users/phone";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("UsersList");
  return { title: t("title") };
}

type Search = Record<string, string | undefined>;

/** The object without its undefined members: each one costs the page's RSC payload `"key":"$undefined"`. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The sortable columns; each one's label is `columns.<key>` in the UsersList catalog. */
const COLUMNS: ListUsersQuery["sort"][] = ["name", "username", "email", "phone", "role", "branch", "team", "status", "registeredAt", "lastActivityAt"];

/** The export of exactly this list: the same filters and sort, every page. */
function exportHref(params: Search): string {
  const next = new URLSearchParams();
  for (const key of ["q", "status", "roleId", "branchId", "teamId", "sort", "dir"]) if (params[key]) next.set(key, params[key]!);
  const qs = next.toString();
  return qs ? `/users/export?${qs}` : "/users/export";
}

/**
 * The pagination line once the count is in: the count reads every match (up to COUNT_CAP), about
 * three times the rows' time on a search, so the table above renders while PostgreSQL still counts and
 * only this line waits for it. No Suspense boundary: the page arrives whole, with no fallback.
 */
async function CountedPagination({ total, ...props }: { total: Promise<ListCount> } & Omit<Parameters<typeof Pagination>[0], "total" | "basePath">) {
  return <Pagination basePath="/users" total={await pageRead(total)} {...props} />;
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const ctx = await pageContext("users.view");
  const asked = await searchParams;
  const [
    {
      result: { rows, total, query, previous, next },
      refused,
      fieldErrors,
    },
    options,
  ] = await Promise.all([pageList(asked, (input) => listUsersCountLater({ ctx, input })), pageRead(userFormOptions(ctx))]);
  // The parameters the list applied: a refused one (an over-long search) travels in no link, the export's included.
  const params = refused ? Object.fromEntries(Object.entries(asked).filter(([key]) => !(key in fieldErrors))) : asked;
  // One object for the filter form and the bulk pickers: the RSC payload carries it once.
  const units = { roles: options.roles.map(({ id, name }) => ({ id, name })), branches: options.branches, teams: options.teams };
  const permissions = {
    update: can(ctx.actor, "users.update"),
    delete: can(ctx.actor, "users.delete"),
    permissions: can(ctx.actor, "users.permissions"),
    invite: can(ctx.actor, "users.create"),
  };
  const bulk = permissions.update || permissions.delete || permissions.permissions || can(ctx.actor, "users.create");
  const filtered = !!(query.q || query.status || query.roleId || query.branchId || query.teamId);
  // An empty page past the end of the list (an old link, a typed ?page=) is not an empty list.
  const pastEnd = rows.length === 0 && (query.page > 1 || !!params.after || !!params.before);
  const [t, ts, locale, outranking] = await Promise.all([
    getTranslations("UsersList"),
    getTranslations("UsersStatus"),
    getLocale() as Promise<Locale>,
    // The ⋮ menus offer no action on whoever holds a permission the viewer lacks (none for an Administrator: no query).
    outrankingUsers(
      ctx.db,
      ctx.actor.permissions,
      rows.map((u) => u.id),
    ),
  ]);
  const columnLabel = (key: ListUsersQuery["sort"]) => t(`columns.${key}`);
  // One array for the rows' menus and the bulk confirmation; none at all for an Administrator.
  const outranked = outranking.size ? [...outranking] : undefined;
  // One array for the table and the bulk actions: the RSC payload carries it once.
  const tableRows = rows.map((u): UserListRow => [
    u.id,
    `${u.firstName} ${u.lastName}`,
    u.username,
    u.email,
    formatPhone(u.phone),
    unitRef(units.roles, u.role),
    unitRef(units.branches, u.branch),
    unitRef(units.teams, u.team),
    u.status,
    u.lockedAt ? (u.lockReason ?? "") : null,
    formatDate(u.registeredAt, locale),
    formatDateTime(u.lastActivityAt, locale, { zone: false }), // the column's head says UTC
  ]);

  return (
    <section aria-labelledby="users-title">
      <UsersHeading
        labels={defined({
          title: t("title"),
          export: t("export"),
          import: can(ctx.actor, "users.import") ? t("import") : undefined,
          create: can(ctx.actor, "users.create") ? t("create") : undefined,
        })}
        exportHref={exportHref(params)}
        {...(refused ? { notice: <Alert tone="error">{refused}</Alert> } : {})}
      />

      <UsersFilter
        labels={{
          form: t("searchForm"),
          search: t("search"),
          searchPlaceholder: t("searchPlaceholder"),
          status: t("status"),
          anyStatus: t("anyStatus"),
          statuses: { pending: ts("pending"), active: ts("active"), inactive: ts("inactive"), locked: ts("locked") },
          role: t("role"),
          anyRole: t("anyRole"),
          branch: t("branch"),
          anyBranch: t("anyBranch"),
          team: t("team"),
          anyTeam: t("anyTeam"),
          perPage: t("perPage"),
          filters: t("filters"),
          apply: t("apply"),
          clear: t("clear"),
        }}
        values={defined({
          q: query.q,
          status: query.status,
          roleId: query.roleId,
          branchId: query.branchId,
          teamId: query.teamId,
          pageSize: query.pageSize,
          sort: query.sort,
          dir: query.dir,
        })}
        options={units}
        pageSizes={PAGE_SIZES}
        filtered={filtered}
      />

      <UserRowMenus can={permissions}>
        <BulkUsers
          page={bulk ? tableRows : []}
          total={total.then((count) => (count.kind === "exact" ? count.value : null))}
          filter={defined({ q: query.q, status: query.status, roleId: query.roleId, branchId: query.branchId, teamId: query.teamId })}
          can={{ ...permissions, create: can(ctx.actor, "users.create") }}
          options={units}
          // Sent only when some role may not be given by this reader (never for an Administrator).
          {...(options.ungivable.length ? { ungivable: options.ungivable } : {})}
          {...(bulk && outranked ? { outranking: outranked } : {})}
        >
          {rows.length === 0 ? (
            <div className="rounded-lg border border-slate-200 bg-white p-8 text-center">
              {pastEnd ? (
                <p className="text-slate-800">
                  {t("pastEnd")}{" "}
                  <Link href={pageHref("/users", params, 1)} className="text-blue-800 underline">
                    {t("firstPage")}
                  </Link>
                </p>
              ) : filtered ? (
                <p className="text-slate-800">{query.q ? t("noMatch") : t("noMatchFilters")}</p>
              ) : (
                <>
                  <p className="text-slate-800">{t("empty")}</p>
                  <p className="mt-1 text-sm text-slate-700">{t("emptyHint")}</p>
                </>
              )}
            </div>
          ) : (
            <>
              <UsersTable
                caption={t("caption", {
                  column: COLUMNS.includes(query.sort) ? columnLabel(query.sort) : t("sortFallback"),
                  dir: query.dir === "asc" ? "asc" : "desc",
                })}
                columns={COLUMNS.map((key) => [key, columnLabel(key)])}
                params={params}
                sort={{ key: query.sort, dir: query.dir === "asc" ? "asc" : "desc" }}
                rows={tableRows}
                units={units}
                selectable={bulk}
                selfId={ctx.actor.userId}
                outranking={outranked}
              />
            </>
          )}
        </BulkUsers>
      </UserRowMenus>
      {/* Past the end, the notice above says so and links to page 1: no "Page 17 of 17" beside it. */}
      {pastEnd ? null : <CountedPagination page={query.page} pageSize={query.pageSize} total={total} params={params} cursors={{ previous, next }} />}
    </section>
  );
}
