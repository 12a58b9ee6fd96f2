"use client";

import { buttonClasses } from "@/components/ui/button";
import { ClearFilters, FocusAfterClear } from "@/components/ui/clear-filters";
import { controlClasses } from "@/components/ui/field";
import { SearchForm } from "@/components/ui/search-form";
import { SearchInput } from "@/components/ui/search-input";
import type { KeyboardEvent } from "react";
import { USERS_LIST_DEFAULTS } from "./list-defaults";

type Option = { id: string; name: string };

export interface UsersFilterLabels {
  form: string;
  search: string;
  searchPlaceholder: string;
  status: string;
  anyStatus: string;
  statuses: Record<"pending" | "active" | "inactive" | "locked", string>;
  role: string;
  anyRole: string;
  branch: string;
  anyBranch: string;
  team: string;
  anyTeam: string;
  perPage: string;
  /** A phone's disclosure of the selects (the search and Apply stay out). */
  filters: string;
  apply: string;
  clear: string;
}

/**
 * Escape folds a phone's open "Filters" away and gives the focus back to its summary, as it closes
 * a menu or a dialog. From md up the selects are always out (the summary is hidden): nothing to fold.
 */
function closeOnEscape(e: KeyboardEvent<HTMLDetailsElement>) {
  const details = e.currentTarget;
  const summary = details.querySelector("summary");
  if (e.key !== "Escape" || e.defaultPrevented || !details.open || !summary || !summary.checkVisibility()) return;
  e.preventDefault();
  details.open = false;
  summary.focus();
}

/** "Clear filters": the filters go; the order and the page size, which are not filters, stay. */
function unfiltered({ pageSize, sort, dir }: { pageSize: number; sort: string; dir: string }) {
  const kept = new URLSearchParams();
  if (String(pageSize) !== USERS_LIST_DEFAULTS.pageSize) kept.set("pageSize", String(pageSize));
  if (sort !== USERS_LIST_DEFAULTS.sort || dir !== USERS_LIST_DEFAULTS.dir) {
    kept.set("sort", sort);
    kept.set("dir", dir);
  }
  return kept.size ? `/users?${kept}` : "/users";
}

/**
 * The search and filter form above the users list: a GET form (it works before the page's script
 * arrives; then SearchForm leaves the empty fields out of the address and keeps the focus on Apply). A client component only so that the page's RSC payload carries the roles,
 * branches and teams once, shared with the bulk actions' pickers, instead of once as data and again
 * as a server-rendered tree of <option>s.
 */
export function UsersFilter({
  labels,
  values,
  options,
  pageSizes,
  filtered,
}: {
  labels: UsersFilterLabels;
  values: { q?: string; status?: string; roleId?: string; branchId?: string; teamId?: string; pageSize: number; sort: string; dir: string };
  options: { roles: Option[]; branches: Option[]; teams: Option[] };
  pageSizes: readonly number[];
  filtered: boolean;
}) {
  const select = (id: string, name: string, label: string, value: string | undefined, anyLabel: string, list: Option[]) => (
    <div>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""} className={controlClasses}>
        <option value="">{anyLabel}</option>
        {list.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
  // What the selects hold, said on the phone's closed disclosure: "Filters: Locked, Madrid".
  const named = (list: Option[], id?: string) => (id ? (list.find((o) => o.id === id)?.name ?? null) : null);
  const chosen = [
    values.status ? labels.statuses[values.status as keyof UsersFilterLabels["statuses"]] : null,
    named(options.roles, values.roleId),
    named(options.branches, values.branchId),
    named(options.teams, values.teamId),
  ].filter(Boolean);
  return (
    <SearchForm
      // Drawn again whenever the list's filters change from elsewhere ("Clear filters", Back): a select
      // keeps what it showed through a client-side navigation, and said "Active" over everyone.
      resetKey={JSON.stringify(values)}
      defaults={USERS_LIST_DEFAULTS}
      role="search"
      aria-label={labels.form}
      action="/users"
      className="users-filter" // app/globals.css: the fields' layout, said once
    >
      <FocusAfterClear />
      <div className="min-w-64 flex-1">
        <label htmlFor="users-q">{labels.search}</label>
        <SearchInput id="users-q" value={values.q} placeholder={labels.searchPlaceholder} />
      </div>
      {/*
        On a phone the selects fold away under "Filters" (which names those set), so the first screen
        shows users, not five fields; from md up they are always out (globals.css). A <details>: it
        opens before the page's script arrives.
      */}
      <details className="users-filter-more" onKeyDown={closeOnEscape}>
        <summary>{chosen.length ? `${labels.filters}: ${chosen.join(", ")}` : labels.filters}</summary>
        {select(
          "users-status",
          "status",
          labels.status,
          values.status,
          labels.anyStatus,
          (["pending", "active", "inactive", "locked"] as const).map((s) => ({ id: s, name: labels.statuses[s] })),
        )}
        {select("users-role", "roleId", labels.role, values.roleId, labels.anyRole, options.roles)}
        {select("users-branch", "branchId", labels.branch, values.branchId, labels.anyBranch, options.branches)}
        {select("users-team", "teamId", labels.team, values.teamId, labels.anyTeam, options.teams)}
        <div>
          <label htmlFor="users-size">{labels.perPage}</label>
          <select id="users-size" name="pageSize" defaultValue={String(values.pageSize)} className={controlClasses}>
            {pageSizes.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
      </details>
      <input type="hidden" name="sort" value={values.sort} />
      <input type="hidden" name="dir" value={values.dir} />
      <button type="submit" className={buttonClasses("secondary")}>
        {labels.apply}
      </button>
      {filtered ? (
        <ClearFilters href={unfiltered(values)} focus="users-q">
          {labels.clear}
        </ClearFilters>
      ) : null}
    </SearchForm>
  );
}
