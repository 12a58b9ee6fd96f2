import { endpoint, notAllowed } from "@/lib/api/endpoint";
import { assertIfMatch, etagOf } from "@/lib/api/users";
import { getUserRecord } from "@/lib/users/user-records";
import { confirmUser } from "@/lib/users/confirm-user";

export const dynamic = "force-dynamic";

/** Confirms the user (the same rules as in the console); answers with the user. */
export const POST = endpoint({}, async ({ ctx, id, request }) => {
  await assertIfMatch(ctx, id, request);
  await confirmUser({ ctx, input: { userId: id } });
  const user = await getUserRecord({ ctx, input: { userId: id } });
  return { body: user, headers: { ETag: etagOf(user) } };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ POST });
