import { describe, expect, it, vi } from "vitest";
import en from "@/messages/en/client/UsersActions.json";

vi.mock("@/app/(admin)/users/actions", () => ({}));
const { menuItems } = await import("@/components/users/user-actions");
type ActionPermissions = Parameters<typeof menuItems>[1];

// menuItems returns stable keys; the menu shows them through the catalog, as the English reader sees them.
const labels = (
  status: "pending" | "active" | "inactive",
  locked: boolean,
  can: ActionPermissions = { update: true, delete: true, permissions: true, invite: true },
) => menuItems({ id: "u1", name: "Ana", status, locked }, can).map((e) => en.menu[e.key]);

describe("the ⋮ menu of a user row", () => {
  it("offers what applies to the user's state", () => {
    expect(labels("active", false)).toEqual(["View", "Edit user", "Edit permissions", "Deactivate user", "Delete user"]);
    expect(labels("active", true)).toEqual(["View", "Edit user", "Edit permissions", "Unblock user", "Deactivate user", "Delete user"]);
    expect(labels("inactive", false)).toEqual(["View", "Edit user", "Edit permissions", "Reactivate user", "Delete user"]);
    expect(labels("pending", false)).toEqual(["View", "Edit user", "Edit permissions", "Resend invitation", "Confirm user", "Delete user"]);
  });

  it("offers only what the actor may do", () => {
    expect(labels("active", true, { update: false, delete: false, permissions: false })).toEqual(["View"]);
    // Resending an invitation takes Create users, as the invitation verbs do; Confirm takes Update users.
    expect(labels("pending", false, { update: true, delete: false, permissions: false })).toEqual(["View", "Edit user", "Confirm user"]);
    expect(labels("pending", false, { update: false, delete: false, permissions: false, invite: true })).toEqual(["View", "Resend invitation"]);
  });

  it("offers only a look at someone who holds a permission the actor does not", () => {
    const can = { update: true, delete: true, permissions: true, invite: true };
    for (const status of ["pending", "active", "inactive"] as const)
      expect(menuItems({ id: "u1", name: "Ana", status, locked: true, outranks: true }, can).map((e) => en.menu[e.key])).toEqual(["View"]);
  });
});
