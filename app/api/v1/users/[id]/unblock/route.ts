import { endpoint, notAllowed } from "@/lib/api/endpoint";
import { assertIfMatch, etagOf } from "@/lib/api/users";
import { UnblockBody } from "@/lib/api/schemas";
import { unblockUser } from "@/lib/security/unblock-user";
import { getUserRecord } from "@/lib/users/user-records";

export const dynamic = "force-dynamic";

/** Unblocks a locked user, optionally e-mailing a password-reset link; answers with the user. */
export const POST = endpoint(
  { body: UnblockBody, bodyOptional: true, needs: { permission: "users.update", attempted: "unblockUser" } },
  async ({ ctx, id, body, request }) => {
    await assertIfMatch(ctx, id, request);
    await unblockUser({ ctx, input: { userId: id, sendPasswordReset: body.sendPasswordReset ?? false } });
    const user = await getUserRecord({ ctx, input: { userId: id } });
    return { body: user, headers: { ETag: etagOf(user) } };
  },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ POST });
