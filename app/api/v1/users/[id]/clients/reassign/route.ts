import { endpoint, notAllowed } from "@/lib/api/endpoint";
import { ReassignBody } from "@/lib/api/schemas";
import { reassignClients } from "@/lib/clients/delete-client";

export const dynamic = "force-dynamic";

/** Moves every client of the user to another active user, in one transaction. */
export const POST = endpoint({ body: ReassignBody, needs: { permission: "users.update", attempted: "client.reassign" } }, async ({ ctx, id, body }) => ({
  body: await reassignClients({ ctx, input: { userId: id, toUserId: body.toUserId } }),
}));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ POST });
