import { endpoint } from "@/lib/api/endpoint";
import { DeleteUserQuery, UpdateUserBody } from "@/lib/api/schemas";
import { etagOf, ifMatchVersion, verbFieldsOf } from "@/lib/api/users";
import { PreconditionFailed } from "@/lib/errors";
import { deleteUser } from "@/lib/users/delete-user";
import { updateUser } from "@/lib/users/update-user";
import { getUserRecord } from "@/lib/users/user-records";

export const dynamic = "force-dynamic";

/** One user, with its version as the ETag. */
export const GET = endpoint({}, async ({ ctx, id }) => {
  const user = await getUserRecord({ ctx, input: { userId: id } });
  return { body: user, headers: { ETag: etagOf(user) } };
});

/**
 * Changes the fields sent and leaves the rest. With `If-Match` (the ETag from GET), a user changed
 * since is refused with 412; the check is made again inside the update's transaction.
 */
export const PATCH = endpoint({ body: UpdateUserBody }, async ({ ctx, id, body, request }) => {
  const expected = ifMatchVersion(request.headers.get("if-match"));
  if (expected === "invalid") throw PreconditionFailed('If-Match must be the ETag from GET, such as "3".');
  const current = await getUserRecord({ ctx, input: { userId: id } });
  if (expected !== null && expected !== current.version)
    throw PreconditionFailed(`This user has changed since version ${expected} (now ${current.version}): read it again.`);
  await updateUser({ ctx, input: { ...verbFieldsOf(current), ...body, userId: id, expectedVersion: current.version } });
  const user = await getUserRecord({ ctx, input: { userId: id } });
  return { body: user, headers: { ETag: etagOf(user) } };
});

/** Deletes a user; one with assigned clients needs `reassignClientsTo` (else 409 with the clients). */
export const DELETE = endpoint({ query: DeleteUserQuery }, async ({ ctx, id, query }) => {
  await deleteUser({ ctx, input: { userId: id, reassignClientsTo: query.reassignClientsTo } });
  return { status: 204 };
});
