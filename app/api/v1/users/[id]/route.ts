import { endpoint, notAllowed } from "@/lib/api/endpoint";
import { DeleteUserQuery, UpdateUserBody } from "@/lib/api/schemas";
import { assertIfMatch, etagOf, ifMatchVersion, verbFieldsOf } from "@/lib/api/users";
import { isDomainError, PreconditionFailed, ValidationFailed } from "@/lib/errors";
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
 * How many times a PATCH without If-Match reads again after another save landed first: each round one
 * of the writers racing for a user lands, so ten overlapping writers all do.
 */
const MERGE_ATTEMPTS = 10;

/**
 * Changes the fields sent and leaves the rest. With `If-Match` (the ETag from GET), a user changed
 * since is refused with 412; the check is made again inside the update's transaction. Without it,
 * the fields sent win: the user is read, the fields merged and written at the version read, and when
 * another save landed in between, read and merged again, so that save's other fields are kept.
 */
export const PATCH = endpoint({ body: UpdateUserBody, needs: { permission: "users.update", attempted: "user.update" } }, async ({ ctx, id, body, request }) => {
  const expected = ifMatchVersion(request.headers.get("if-match"));
  for (let attempt = 1; ; attempt++) {
    const current = await getUserRecord({ ctx, input: { userId: id } });
    if (expected !== null && expected !== current.version)
      throw PreconditionFailed(`This user has changed since version ${expected} (now ${current.version}): read it again.`);
    // A pending user's status moves by registering, /confirm or /delete: a status sent would be ignored.
    if (body.status !== undefined && current.status === "pending")
      throw ValidationFailed({
        status: ["This user hasn't registered yet: leave out status, and confirm them (POST /users/{id}/confirm) or delete them instead."],
      });
    try {
      await updateUser({ ctx, input: { ...verbFieldsOf(current), ...body, userId: id, expectedVersion: current.version } });
      break;
    } catch (error) {
      if (expected !== null || attempt === MERGE_ATTEMPTS || !isDomainError(error) || error.code !== "precondition_failed") throw error;
      // A rule of the current state (the last administrator) refuses at any version: answer it.
      if ((await getUserRecord({ ctx, input: { userId: id } })).version === current.version) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt)); // the racers apart
    }
  }
  const user = await getUserRecord({ ctx, input: { userId: id } });
  return { body: user, headers: { ETag: etagOf(user) } };
});

/** Deletes a user; one with assigned clients needs `reassignClientsTo` (else 409 with the clients). A stale If-Match is 412. */
export const DELETE = endpoint(
  { query: DeleteUserQuery, needs: { permission: "users.delete", attempted: "user.delete" } },
  async ({ ctx, id, query, request }) => {
    await assertIfMatch(ctx, id, request);
    await deleteUser({ ctx, input: { userId: id, reassignClientsTo: query.reassignClientsTo } });
    return { status: 204 };
  },
);

export const { POST, PUT, OPTIONS } = notAllowed({ GET, PATCH, DELETE });
