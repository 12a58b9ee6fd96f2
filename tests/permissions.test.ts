import { describe, expect, it } from "vitest";
import { ALL_PERMISSIONS, PERMISSION_GROUPS, isPermission, type Permission } from "@/lib/permissions/catalog";
import { effectivePermissions, holdsAllOf } from "@/lib/permissions/effective";

describe("permission catalog", () => {
  it("lists every administration and business permission of the design once", () => {
    expect(new Set(ALL_PERMISSIONS).size).toBe(ALL_PERMISSIONS.length);
    expect(PERMISSION_GROUPS.map((g) => g.id)).toEqual(["administration", "business"]);
    for (const p of [
      "users.view",
      "users.create",
      "users.update",
      "users.delete",
      "users.permissions",
      "users.import",
      "roles.manage",
      "branches.manage",
      "audit.view",
      "api.access",
      "api.admin",
    ]) {
      expect(isPermission(p), p).toBe(true);
    }
    expect(PERMISSION_GROUPS[1].permissions).toHaveLength(13);
    expect(isPermission("users.superpower")).toBe(false);
  });
});

describe("effectivePermissions", () => {
  it("gives the Administrator role the whole catalog with no rows", () => {
    const result = effectivePermissions({ roleKey: "administrator", rolePermissions: [], overrides: [] });
    expect([...result].sort()).toEqual([...ALL_PERMISSIONS].sort());
  });

  it("is role + grants − denials for every permission of the catalog", () => {
    for (const p of ALL_PERMISSIONS) {
      const others = ALL_PERMISSIONS.filter((x) => x !== p);
      // inherited from the role
      expect(effectivePermissions({ roleKey: "basic", rolePermissions: [p], overrides: [] }).has(p)).toBe(true);
      // granted on top of a role that lacks it
      expect(effectivePermissions({ roleKey: "basic", rolePermissions: [], overrides: [{ permission: p, effect: "grant" }] }).has(p)).toBe(true);
      // denied although the role has it
      const denied = effectivePermissions({ roleKey: "basic", rolePermissions: ALL_PERMISSIONS, overrides: [{ permission: p, effect: "deny" }] });
      expect(denied.has(p)).toBe(false);
      expect(denied.size).toBe(others.length);
      // the Administrator role ignores denials: nothing takes administration from its holder
      expect(effectivePermissions({ roleKey: "administrator", rolePermissions: [], overrides: [{ permission: p, effect: "deny" }] }).has(p)).toBe(true);
      // absent everywhere: off by default
      expect(effectivePermissions({ roleKey: "basic", rolePermissions: others, overrides: [] }).has(p)).toBe(false);
    }
  });

  it("ignores names outside the catalog", () => {
    const result = effectivePermissions({
      roleKey: "basic",
      rolePermissions: ["everything"],
      overrides: [{ permission: "root", effect: "grant" }],
    });
    expect(result.size).toBe(0);
  });

  it("holdsAllOf tells whether one set covers another", () => {
    const a = new Set<Permission>(["users.view", "users.update"]);
    expect(holdsAllOf(a, new Set<Permission>(["users.view"]))).toBe(true);
    expect(holdsAllOf(a, new Set<Permission>(["users.view", "users.delete"]))).toBe(false);
    expect(holdsAllOf(new Set(), new Set())).toBe(true);
  });
});
