import { z } from "zod";
import { Text } from "../validation";

export const ClientName = Text(200, "A client name has at most 200 characters.").refine((v) => v.length > 0, "Enter the client's name.");
/** The other system's own id for the record; unique in the organization. Empty means none. */
export const ExternalId = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? null : v),
  Text(200, "An external id has at most 200 characters.").nullable().optional(),
);
export const OwnerId = z.uuid("Choose the user the client is assigned to.");

export const CreateClientInput = z.object({ name: ClientName, externalId: ExternalId, ownerId: OwnerId });
export type CreateClientInput = { name: unknown; externalId?: unknown; ownerId: unknown };

export const UpdateClientInput = z.object({
  clientId: z.uuid("Unknown client."),
  name: ClientName.optional(),
  externalId: ExternalId,
  ownerId: OwnerId.optional(),
});
export type UpdateClientInput = { clientId: unknown; name?: unknown; externalId?: unknown; ownerId?: unknown };
