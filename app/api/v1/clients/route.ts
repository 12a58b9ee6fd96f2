import { endpoint, notAllowed } from "@/lib/api/endpoint";
import { ClientsQuery, CreateClientBody } from "@/lib/api/schemas";
import { listClients } from "@/lib/clients/client-records";
import { createClient } from "@/lib/clients/save-client";

export const dynamic = "force-dynamic";

/** Clients by name, a page at a time; filter by owner, external id or a search in the name. */
export const GET = endpoint({ query: ClientsQuery, needs: { permission: "users.view", attempted: "listClients" } }, async ({ ctx, query }) => {
  const { owner, ...rest } = query;
  return { body: await listClients({ ctx, input: { ...rest, ownerId: owner } }) };
});

/** Creates a client assigned to a user. Honours Idempotency-Key. */
export const POST = endpoint(
  { body: CreateClientBody, idempotent: true, needs: { permission: "users.update", attempted: "client.create" } },
  async ({ ctx, body }) => {
    const client = await createClient({ ctx, input: body });
    return { status: 201, body: client, headers: { Location: `/api/v1/clients/${client.id}` } };
  },
);

export const { PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET, POST });
