import { endpoint, notAllowed } from "@/lib/api/endpoint";
import { InviteBody } from "@/lib/api/schemas";
import { resendInvitation } from "@/lib/invitations/resend-invitation";

export const dynamic = "force-dynamic";

/** A new invitation for a Pending user (the previous link stops working): e-mailed, or returned as a link. */
export const POST = endpoint(
  { body: InviteBody, bodyOptional: true, needs: { permission: "users.create", attempted: "resendInvitation" } },
  async ({ ctx, id, body }) => {
    const sent = await resendInvitation({ ctx, input: { userId: id, method: body.method ?? "email" } });
    return { body: { invitationLink: sent.link ?? null } };
  },
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ POST });
