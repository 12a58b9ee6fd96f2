import { z } from "zod";
import { OptionalDate, Text } from "../validation";

export const ApiKeyName = Text(80, "A key name has at most 80 characters.").refine((v) => v.length > 0, "Name the key after the system that will use it.");

export const CreateApiKeyInput = z.object({
  name: ApiKeyName,
  roleId: z.uuid("Choose a role."),
  expiresOn: OptionalDate("expiration date"),
});
export type CreateApiKeyInput = { name: unknown; roleId: unknown; expiresOn?: unknown };
