import { endpoint, notAllowed } from "@/lib/api/endpoint";
import { PermissionsBody } from "@/lib/api/schemas";
import type { Ctx } from "@/lib/context";
import { readUserPermissions, setUserPermissions } from "@/lib/roles/user-permissions";

export const dynamic = "force-dynamic";

async function permissionsRecord(ctx: Ctx, userId: string) {
  const view = await readUserPermissions(ctx, userId);
  return {
    userId: view.user.id,
    role: { id: view.role.id, name: view.role.name },
    permissions: [...view.effective].sort(),
    grants: view.permissions.filter((p) => p.override === "grant").map((p) => p.permission),
    denials: view.permissions.filter((p) => p.override === "deny").map((p) => p.permission),
  };
}

/** A user's effective permissions, with the per-user grants and denials on top of their role. */
export const GET = endpoint({}, async ({ ctx, id }) => ({ body: await permissionsRecord(ctx, id) }));

/** Sets per-user overrides (inherit, grant, deny); permissions left out keep theirs. */
export const PUT = endpoint({ body: PermissionsBody, needs: { permission: "users.permissions", attempted: "user.permissions" } }, async ({ ctx, id, body }) => {
  await setUserPermissions({ ctx, input: { userId: id, overrides: body.overrides } });
  return { body: await permissionsRecord(ctx, id) };
});

export const { POST, PATCH, DELETE, OPTIONS } = notAllowed({ GET, PUT });
