import { endpoint, notAllowed } from "@/lib/api/endpoint";
import { CreateUserBody, UsersQuery } from "@/lib/api/schemas";
import { etagOf } from "@/lib/api/users";
import { createUser } from "@/lib/users/create-user";
import { getUserRecord, pageUsers } from "@/lib/users/user-records";

export const dynamic = "force-dynamic";

/** Users, a page at a time: search, filters, sort and a cursor. */
export const GET = endpoint({ query: UsersQuery, needs: { permission: "users.view", attempted: "listUsers" } }, async ({ ctx, query, request }) => {
  const { role, branch, team, ...rest } = query;
  const result = await pageUsers({ ctx, input: { ...rest, roleId: role, branchId: branch, teamId: team } });
  const headers: Record<string, string> = {};
  if (result.nextCursor) {
    const next = new URL(request.url);
    next.searchParams.set("cursor", result.nextCursor);
    headers.Link = `<${next.pathname}${next.search}>; rel="next"`;
  }
  return { body: result, headers };
});

/** Creates a user, with a password or an invitation. Honours Idempotency-Key. */
export const POST = endpoint(
  { body: CreateUserBody, idempotent: true, needs: { permission: "users.create", attempted: "user.create" } },
  async ({ ctx, body }) => {
    const input = { ...body, notifyGeneral: body.notifyGeneral ?? true, confirmPassword: body.password };
    const created = await createUser({ ctx, input });
    const user = await getUserRecord({ ctx, input: { userId: created.id } });
    return { status: 201, body: { user, invitationLink: created.invitationLink }, headers: { Location: `/api/v1/users/${user.id}`, ETag: etagOf(user) } };
  },
);

export const { PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET, POST });
