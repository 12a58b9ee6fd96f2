/**
 * The users list's rows name their role, branch and team by position in the lists the page sends for
 * its filter anyway (components/users/users-table.tsx). Shared by the server page, which makes the
 * references, and the client table, which reads them.
 */

/** A position in `UserListUnits`' list, or a name. */
export type UnitRef = number | string;

/** The roles, branches and teams by name, as the filter has them. */
export interface UserListUnits {
  roles: readonly { name: string }[];
  branches: readonly { name: string }[];
  teams: readonly { name: string }[];
}

/** A row's reference to a role, branch or team, as the page makes it: its position in `list`, else its name. */
export function unitRef(list: readonly { name: string }[], name: string): UnitRef;
export function unitRef(list: readonly { name: string }[], name: string | null): UnitRef | null;
export function unitRef(list: readonly { name: string }[], name: string | null): UnitRef | null {
  if (name === null) return null;
  const at = list.findIndex((unit) => unit.name === name);
  return at < 0 ? name : at;
}

/** What a row shows for a reference: the name, or a dash for none. */
export const unitName = (list: readonly { name: string }[], ref: UnitRef | null) =>
  ref === null ? "—" : typeof ref === "number" ? (list[ref]?.name ?? "—") : ref;
