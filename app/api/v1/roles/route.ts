import { endpoint, notAllowed } from "@/lib/api/endpoint";
import { RoleBody } from "@/lib/api/schemas";
import { getRole, listRoles } from "@/lib/roles/list-roles";
import { saveRole } from "@/lib/roles/save-role";

export const dynamic = "force-dynamic";

/** Every role, with its permissions and how many users hold it. */
export const GET = endpoint({}, async ({ ctx }) => ({ body: { data: await listRoles(ctx) } }));

/** Creates a custom role (needs roles.manage and every permission it gives). Honours Idempotency-Key. */
export const POST = endpoint({ body: RoleBody, idempotent: true, needs: { permission: "roles.manage", attempted: "role.save" } }, async ({ ctx, body }) => {
  const { id } = await saveRole({ ctx, input: body });
  return { status: 201, body: await getRole(ctx, id), headers: { Location: `/api/v1/roles/${id}` } };
});

export const { PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET, POST });
