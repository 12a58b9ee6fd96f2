"use server";

import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { action } from "../../../action";

export const createApiKeyAction = action(createApiKey, {
  input: (_prev: unknown, formData: FormData) => ({ name: formData.get("name"), roleId: formData.get("roleId"), expiresOn: formData.get("expiresOn") }),
  echo: true,
  revalidate: ["/settings/api-keys"],
  // The key itself goes back once, to this response only; it is never stored.
  done: ({ id, key, prefix }, { name }) => ({ ok: true, data: { id, key, prefix, name: String(name ?? "").trim() } }),
});

export const revokeApiKeyAction = action(revokeApiKey, {
  input: (keyId: string) => ({ keyId }),
  revalidate: ["/settings/api-keys"],
});
