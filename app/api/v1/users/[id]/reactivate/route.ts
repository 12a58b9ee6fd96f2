import { endpoint, notAllowed } from "@/lib/api/endpoint";
import { assertIfMatch, etagOf } from "@/lib/api/users";
import { getUserRecord } from "@/lib/users/user-records";
import { reactivateUser } from "@/lib/users/reactivate-user";

export const dynamic = "force-dynamic";

/** Reactivates the user (the same rules as in the console); answers with the user. */
export const POST = endpoint({}, async ({ ctx, id, request }) => {
  await assertIfMatch(ctx, id, request);
  await reactivateUser({ ctx, input: { userId: id } });
  const user = await getUserRecord({ ctx, input: { userId: id } });
  return { body: user, headers: { ETag: etagOf(user) } };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ POST });
