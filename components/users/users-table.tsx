"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Fragment } from "react";
import { Menu } from "@/components/ui/menu";
import { Table, Tbody, Td, Th, Thead, Tr } from "@/components/ui/table";
import type { LockReason, UserStatus } from "@/db/schema/enums";
import { PageCheckbox, RowCheckbox } from "./bulk-actions";
import { StatusBadges } from "./status-badge";
import { USERS_LIST_DEFAULTS } from "./list-defaults";
import { unitName, type UnitRef, type UserListUnits } from "./list-units";
import { UserRowActions } from "./user-actions";

/**
 * One user as the list shows it, already formatted on the server (phone, dates): the page sends
 * these few strings per row, and the browser gets the table's markup once, from the server render
 * of this component, instead of the markup plus the same tree again as server-component payload.
 * The role, branch and team are positions in the lists the page sends for its filter anyway (a
 * name only when it is not there: one created since), null for none.
 */
export type UserListRow = [
  id: string,
  name: string,
  username: string,
  email: string,
  phone: string,
  role: UnitRef,
  branch: UnitRef | null,
  team: UnitRef | null,
  status: UserStatus,
  lockReason: LockReason | "" | null,
  registered: string,
  lastActivity: string,
];

/**
 * Each row's checkbox and ⋮ are named by reference ("Select" or "Actions for", said once, then the
 * row's name), where a label of their own repeated the name twice more per row in the page.
 */
const SELECT_LEAD = "u-s";
const ACTIONS_LEAD = "u-a";

/**
 * The columns a phone shows anyway (the name with its e-mail, the status). Sorted by another, a phone
 * sees that column's value under the e-mail (hidden from md up, where the column itself shows), so the
 * order it reads is the order it sees.
 */
const PHONE_SHOWS = new Set(["name", "email", "status"]);

/** The list's sortable columns in order, as [sort key, label]. */
export type UserListColumn = [key: string, label: string];

/**
 * A column header's link: this list (its filters, its page size) sorted by the column, ascending,
 * or the other way when it is already sorted by it ascending; back to the first page. Made here from
 * the one copy of the query the page sends, rather than ten links' worth of it.
 */
function sortHref(params: Record<string, string | undefined>, key: string, dir: "asc" | "desc"): string {
  const next = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...params, sort: key, dir, page: undefined, after: undefined, before: undefined })) if (v) next.set(k, v);
  // One address per view: what the list takes anyway is left out, as the filter form leaves it out.
  // Each on its own, as the form's searchUrl does: "?sort=phone", "?dir=desc" (by name, descending).
  if (key === USERS_LIST_DEFAULTS.sort) next.delete("sort");
  if (dir === USERS_LIST_DEFAULTS.dir) next.delete("dir");
  if (next.get("pageSize") === USERS_LIST_DEFAULTS.pageSize) next.delete("pageSize");
  return next.size ? `/users?${next}` : "/users";
}

/**
 * The users list: one table at every width, each name with its e-mail under it. On a phone, that,
 * the status and the ⋮ menu; the other columns from md up. The cells carry no classes: globals.css
 * (.users-table) styles and hides them by position, so it follows the order of the columns here.
 */
export function UsersTable({
  caption,
  columns,
  params,
  sort,
  rows,
  units,
  selectable,
  selfId,
  outranking,
}: {
  caption: string;
  columns: UserListColumn[];
  /** The page's query, to link each header to this list sorted by that column. */
  params: Record<string, string | undefined>;
  sort: { key: string; dir: "asc" | "desc" };
  rows: UserListRow[];
  units: UserListUnits;
  selectable: boolean;
  selfId: string;
  /** The rows' users who hold a permission the signed-in user does not (left out when none: most lists). */
  outranking?: string[];
}) {
  const tBulk = useTranslations("UsersBulk");
  const tActions = useTranslations("UsersActions");
  const tUi = useTranslations("Ui");
  return (
    <>
      <Table className={selectable ? "users-table selectable" : "users-table"} caption={caption}>
        <Thead>
          <Tr>
            {selectable ? (
              <Th>
                <PageCheckbox pageIds={rows.map((r) => r[0])} />
              </Th>
            ) : null}
            {columns
              .filter(([key]) => key !== "email")
              .map(([key, label]) => {
                // The e-mail is shown under the name (as Okta and Auth0 list people), so its sort link
                // sits in the name's header: the table fits a laptop, Status and Last activity included.
                const keys = key === "name" ? columns.filter(([k]) => k === "name" || k === "email") : [[key, label]];
                const active = keys.some(([k]) => k === sort.key) ? sort.dir : null;
                return (
                  <Th key={key} aria-sort={active === "asc" ? "ascending" : active === "desc" ? "descending" : undefined}>
                    {keys.map(([k, text], i) => {
                      const on = sort.key === k ? sort.dir : null;
                      return (
                        <Fragment key={k}>
                          {i ? " · " : null}
                          <Link href={sortHref(params, k, on === "asc" ? "desc" : "asc")}>
                            {text}
                            {on ? <span aria-hidden="true">{on === "asc" ? " ▲" : " ▼"}</span> : null}
                          </Link>
                        </Fragment>
                      );
                    })}
                  </Th>
                );
              })}
            <Th>
              <span className="sr-only">{tUi("actions")}</span>
              {/* A phone sees two columns: it sorts by the others here (from md up, each column's header sorts). */}
              <Menu
                label={tUi("sortBy")}
                trigger="⇅"
                triggerClassName="md:hidden"
                entries={() =>
                  columns.flatMap(([key, label]) =>
                    (["asc", "desc"] as const).map((dir) => ({
                      label: `${sort.key === key && sort.dir === dir ? "✓ " : ""}${label} ${dir === "asc" ? "↑" : "↓"}`,
                      href: sortHref(params, key, dir),
                    })),
                  )
                }
              />
            </Th>
          </Tr>
        </Thead>
        <Tbody>
          {rows.map(([id, name, username, email, phone, role, branch, team, status, lockReason, registered, lastActivity], i) => {
            const sortedBy = PHONE_SHOWS.has(sort.key)
              ? null
              : ({
                  username,
                  phone,
                  role: unitName(units.roles, role),
                  branch: unitName(units.branches, branch),
                  team: unitName(units.teams, team),
                  registeredAt: registered,
                  lastActivityAt: lastActivity,
                }[sort.key] ?? null);
            return (
              <Tr key={id}>
                {selectable ? (
                  <Td>
                    <RowCheckbox id={id} name={name} labelledBy={`${SELECT_LEAD} u${i}`} />
                  </Td>
                ) : null}
                <Td>
                  {/* No prefetch: 25 rows would ask the server for 25 user pages nobody opened. */}
                  <Link id={`u${i}`} href={`/users/${id}`} prefetch={false}>
                    {name}
                  </Link>
                  {/* Styled by its place (app/globals.css: .users-table td > a + span), not a class. */}
                  <span>{email}</span>
                  {sortedBy !== null ? <span>{sortedBy}</span> : null}
                </Td>
                <Td>{username}</Td>
                <Td>{phone}</Td>
                <Td>{unitName(units.roles, role)}</Td>
                <Td>{unitName(units.branches, branch)}</Td>
                <Td>{unitName(units.teams, team)}</Td>
                <Td>
                  <StatusBadges status={status} lockedAt={lockReason === null ? null : new Date(0)} lockReason={lockReason || null} />
                </Td>
                <Td>{registered}</Td>
                <Td>{lastActivity}</Td>
                <Td>
                  <UserRowActions
                    user={{ id, name, status, locked: lockReason !== null, self: id === selfId, outranks: outranking?.includes(id) }}
                    labelledBy={`${ACTIONS_LEAD} u${i}`}
                  />
                </Td>
              </Tr>
            );
          })}
        </Tbody>
      </Table>
      {/* What the rows' checkboxes and ⋮ buttons are named by, before each row's name (its link: u0, u1 …). */}
      <p hidden id={SELECT_LEAD}>
        {tBulk("selectLead")}
      </p>
      <p hidden id={ACTIONS_LEAD}>
        {tActions("actionsLead")}
      </p>
    </>
  );
}
