import { endpoint } from "@/lib/api/endpoint";
import { UnblockBody } from "@/lib/api/schemas";
import { unblockUser } from "@/lib/security/unblock-user";
import { getUserRecord } from "@/lib/users/user-records";

export const dynamic = "force-dynamic";

/** Unblocks a locked user, optionally e-mailing a password-reset link; answers with the user. */
export const POST = endpoint({ body: UnblockBody, bodyOptional: true }, async ({ ctx, id, body }) => {
  await unblockUser({ ctx, input: { userId: id, sendPasswordReset: body.sendPasswordReset ?? false } });
  return { body: await getUserRecord({ ctx, input: { userId: id } }) };
});
