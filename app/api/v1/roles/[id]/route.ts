import { endpoint, notAllowed } from "@/lib/api/endpoint";
import { UpdateRoleBody } from "@/lib/api/schemas";
import { deleteRole } from "@/lib/roles/delete-role";
import { getRole } from "@/lib/roles/list-roles";
import { patchRole } from "@/lib/roles/save-role";

export const dynamic = "force-dynamic";

export const GET = endpoint({}, async ({ ctx, id }) => ({ body: await getRole(ctx, id) }));

/** Renames a role, changes its description or its permissions: the fields sent, the others kept. */
export const PATCH = endpoint({ body: UpdateRoleBody, needs: { permission: "roles.manage", attempted: "role.save" } }, async ({ ctx, id, body }) => {
  await patchRole({ ctx, input: { ...body, roleId: id } });
  return { body: await getRole(ctx, id) };
});

/** Deletes a custom role nobody holds. */
export const DELETE = endpoint({}, async ({ ctx, id }) => {
  await deleteRole({ ctx, input: { roleId: id } });
  return { status: 204 };
});

export const { POST, PUT, OPTIONS } = notAllowed({ GET, PATCH, DELETE });
