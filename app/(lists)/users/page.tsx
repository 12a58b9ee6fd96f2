import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Pagination } from "@/components/ui/pagination";
import { UserRowMenus } from "@/components/users/user-actions";
import { BulkUsers } from "@/components/users/bulk-actions";
import { UsersTable, type UserListRow } from "@/components/users/users-table";
import { pageContext, pageList, pageRead } from "@/lib/auth";
import { can } from "@/lib/context";
import { formatDate, formatDateTime, type Locale } from "@/lib/format";
import { userFormOptions } from "@/lib/users/form-options";
import { listUsers, PAGE_SIZES, type ListUsersQuery } from "@/lib/users/list-users";
import { formatPhone } from "@/lib/users/phone";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("UsersList");
  return { title: t("title") };
}

type Search = Record<string, string | undefined>;

/** The columns a phone shows (the name, with the e-mail under it, and the status); the rest appear from md up (globals.css, .users-table). */
const PHONE_COLUMNS = new Set<ListUsersQuery["sort"]>(["name", "status"]);

/** The sortable columns; each one's label is `columns.<key>` in the UsersList catalog. */
const COLUMNS: ListUsersQuery["sort"][] = ["name", "username", "email", "phone", "role", "branch", "team", "status", "registeredAt", "lastActivityAt"];

function FilterSelect({
  id,
  name,
  label,
  value,
  anyLabel,
  options,
}: {
  id: string;
  name: string;
  label: string;
  value?: string;
  anyLabel: string;
  options: { id: string; name: string }[];
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
      <select id={id} name={name} defaultValue={value ?? ""} className={FILTER_CONTROL}>
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
}

const FILTER_CONTROL = "rounded-md border border-slate-400 bg-white px-3 py-2 text-sm";

function hrefWith(params: Search, changes: Search): string {
  const next = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...params, ...changes })) if (v) next.set(k, v);
  const qs = next.toString();
  return qs ? `/users?${qs}` : "/users";
}

/** The export of exactly this list: the same filters and sort, every page. */
function exportHref(params: Search): string {
  const next = new URLSearchParams();
  for (const key of ["q", "status", "roleId", "branchId", "teamId", "sort", "dir"]) if (params[key]) next.set(key, params[key]!);
  const qs = next.toString();
  return qs ? `/users/export?${qs}` : "/users/export";
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const ctx = await pageContext("users.view");
  const params = await searchParams;
  const [
    {
      result: { rows, total, query, previous, next },
      refused,
    },
    options,
  ] = await Promise.all([pageList(params, (input) => listUsers({ ctx, input })), pageRead(userFormOptions(ctx))]);
  const permissions = { update: can(ctx.actor, "users.update"), delete: can(ctx.actor, "users.delete"), permissions: can(ctx.actor, "users.permissions") };
  const bulk = permissions.update || permissions.delete || permissions.permissions || can(ctx.actor, "users.create");
  const filtered = !!(query.q || query.status || query.roleId || query.branchId || query.teamId);
  const select = FILTER_CONTROL;
  const [t, ts, locale] = await Promise.all([getTranslations("UsersList"), getTranslations("UsersStatus"), getLocale() as Promise<Locale>]);
  const columnLabel = (key: ListUsersQuery["sort"]) => t(`columns.${key}`);

  return (
    <section aria-labelledby="users-title">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 id="users-title" className="text-2xl font-semibold">
          {t("title")}
        </h1>
        {refused ? (
          <div className="w-full">
            <Alert tone="error">{refused}</Alert>
          </div>
        ) : null}
        <div className="flex flex-wrap gap-2">
          <a href={exportHref(params)} className={buttonClasses("secondary")} download>
            {t("export")}
          </a>
          {can(ctx.actor, "users.import") ? (
            <Link href="/users/import" className={buttonClasses("secondary")}>
              {t("import")}
            </Link>
          ) : null}
          {can(ctx.actor, "users.create") ? (
            <Link href="/users/new" className={buttonClasses("primary")}>
              {t("create")}
            </Link>
          ) : null}
        </div>
      </div>

      <form
        role="search"
        aria-label={t("searchForm")}
        action="/users"
        className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
      >
        <div className="flex min-w-64 flex-1 flex-col gap-1">
          <label htmlFor="users-q" className="text-sm font-medium">
            {t("search")}
          </label>
          <input
            id="users-q"
            name="q"
            type="search"
            defaultValue={query.q ?? ""}
            placeholder={t("searchPlaceholder")}
            className={`${select} placeholder:text-slate-600`}
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="users-status" className="text-sm font-medium">
            {t("status")}
          </label>
          <select id="users-status" name="status" defaultValue={query.status ?? ""} className={select}>
            <option value="">{t("anyStatus")}</option>
            <option value="pending">{ts("pending")}</option>
            <option value="active">{ts("active")}</option>
            <option value="inactive">{ts("inactive")}</option>
            <option value="locked">{ts("locked")}</option>
          </select>
        </div>
        <FilterSelect id="users-role" name="roleId" label={t("role")} value={query.roleId} anyLabel={t("anyRole")} options={options.roles} />
        <FilterSelect id="users-branch" name="branchId" label={t("branch")} value={query.branchId} anyLabel={t("anyBranch")} options={options.branches} />
        <FilterSelect id="users-team" name="teamId" label={t("team")} value={query.teamId} anyLabel={t("anyTeam")} options={options.teams} />
        <div className="flex flex-col gap-1">
          <label htmlFor="users-size" className="text-sm font-medium">
            {t("perPage")}
          </label>
          <select id="users-size" name="pageSize" defaultValue={String(query.pageSize)} className={select}>
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <input type="hidden" name="sort" value={query.sort} />
        <input type="hidden" name="dir" value={query.dir} />
        <button type="submit" className={buttonClasses("secondary")}>
          {t("apply")}
        </button>
        {filtered ? (
          <Link href="/users" className="py-2 text-sm text-blue-800 underline">
            {t("clear")}
          </Link>
        ) : null}
      </form>

      <UserRowMenus can={permissions}>
        <BulkUsers
          pageIds={bulk ? rows.map((u) => u.id) : []}
          total={total.kind === "exact" ? total.value : null}
          filter={{ q: query.q, status: query.status, roleId: query.roleId, branchId: query.branchId, teamId: query.teamId }}
          can={{ ...permissions, create: can(ctx.actor, "users.create") }}
          options={{ roles: options.roles, branches: options.branches, teams: options.teams }}
        >
          {rows.length === 0 ? (
            <div className="rounded-lg border border-slate-200 bg-white p-8 text-center">
              {filtered ? (
                <p className="text-slate-800">{t("noMatch")}</p>
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
                columns={COLUMNS.map((key) => {
                  const active = query.sort === key;
                  return {
                    key,
                    label: columnLabel(key),
                    href: hrefWith(params, {
                      sort: key,
                      dir: active && query.dir === "asc" ? "desc" : "asc",
                      page: undefined,
                      after: undefined,
                      before: undefined,
                    }),
                    sort: active ? (query.dir === "asc" ? "ascending" : "descending") : undefined,
                    narrow: PHONE_COLUMNS.has(key),
                  };
                })}
                rows={rows.map((u): UserListRow => [
                  u.id,
                  `${u.firstName} ${u.lastName}`,
                  u.username,
                  u.email,
                  formatPhone(u.phone),
                  u.role,
                  u.branch ?? "—",
                  u.team ?? "—",
                  u.status,
                  u.lockedAt ? (u.lockReason ?? "") : null,
                  formatDate(u.registeredAt, locale),
                  formatDateTime(u.lastActivityAt, locale),
                ])}
                selectable={bulk}
                selfId={ctx.actor.userId}
              />
            </>
          )}
        </BulkUsers>
      </UserRowMenus>
      <Pagination basePath="/users" page={query.page} pageSize={query.pageSize} total={total} params={params} cursors={{ previous, next }} />
    </section>
  );
}
