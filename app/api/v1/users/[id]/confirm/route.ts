import { endpoint } from "@/lib/api/endpoint";
import { getUserRecord } from "@/lib/users/user-records";
import { confirmUser } from "@/lib/users/confirm-user";

export const dynamic = "force-dynamic";

/** Confirms the user (the same rules as in the console); answers with the user. */
export const POST = endpoint({}, async ({ ctx, id }) => {
  await confirmUser({ ctx, input: { userId: id } });
  return { body: await getUserRecord({ ctx, input: { userId: id } }) };
});
