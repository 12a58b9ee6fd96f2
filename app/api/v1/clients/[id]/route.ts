import { endpoint, notAllowed } from "@/lib/api/endpoint";
import { UpdateClientBody } from "@/lib/api/schemas";
import { getClient } from "@/lib/clients/client-records";
import { deleteClient } from "@/lib/clients/delete-client";
import { updateClient } from "@/lib/clients/save-client";

export const dynamic = "force-dynamic";

export const GET = endpoint({}, async ({ ctx, id }) => ({ body: await getClient({ ctx, input: { clientId: id } }) }));

/** Renames the client, changes its external id, or assigns it to another user. */
export const PATCH = endpoint({ body: UpdateClientBody, needs: { permission: "users.update", attempted: "client.update" } }, async ({ ctx, id, body }) => ({
  body: await updateClient({ ctx, input: { ...body, clientId: id } }),
}));

export const DELETE = endpoint({}, async ({ ctx, id }) => {
  await deleteClient({ ctx, input: { clientId: id } });
  return { status: 204 };
});

export const { POST, PUT, OPTIONS } = notAllowed({ GET, PATCH, DELETE });
