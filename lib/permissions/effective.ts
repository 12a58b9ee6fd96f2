import { ADMINISTRATOR_ROLE_KEY, ALL_PERMISSIONS, isPermission, type Permission } from "./catalog";

export interface PermissionSources {
  roleKey: string | null;
  rolePermissions: Iterable<string>;
  overrides: Iterable<{ permission: string; effect: "grant" | "deny" }>;
}

/**
 * Effective permissions = role + grants − denials. The Administrator role holds the whole catalog, always.
 * Names outside the catalog are ignored, so a stale row can never grant anything.
 */
export function effectivePermissions({ roleKey, rolePermissions, overrides }: PermissionSources): Set<Permission> {
  // The Administrator role holds the whole catalog and ignores per-user denials, as its description
  // says: no denial can take administration away from its holder.
  if (roleKey === ADMINISTRATOR_ROLE_KEY) return new Set<Permission>(ALL_PERMISSIONS);
  const result = new Set<Permission>(roleKey === ADMINISTRATOR_ROLE_KEY ? ALL_PERMISSIONS : []);
  for (const p of rolePermissions) if (isPermission(p)) result.add(p);
  const list = [...overrides];
  for (const o of list) if (o.effect === "grant" && isPermission(o.permission)) result.add(o.permission);
  for (const o of list) if (o.effect === "deny" && isPermission(o.permission)) result.delete(o.permission);
  return result;
}

/** True when `holder` has every permission `other` has: the rule for acting on another user. */
export function holdsAllOf(holder: ReadonlySet<Permission>, other: ReadonlySet<Permission>): boolean {
  for (const p of other) if (!holder.has(p)) return false;
  return true;
}
