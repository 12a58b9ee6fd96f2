import { endpoint } from "@/lib/api/endpoint";
import { getUserRecord } from "@/lib/users/user-records";
import { reactivateUser } from "@/lib/users/reactivate-user";

export const dynamic = "force-dynamic";

/** Reactivates the user (the same rules as in the console); answers with the user. */
export const POST = endpoint({}, async ({ ctx, id }) => {
  await reactivateUser({ ctx, input: { userId: id } });
  return { body: await getUserRecord({ ctx, input: { userId: id } }) };
});
