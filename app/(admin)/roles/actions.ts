"use server";

import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { deleteRole } from "@/lib/roles/delete-role";
import { saveRole } from "@/lib/roles/save-role";
import { action } from "../../action";

export const saveRoleAction = action(saveRole, {
  input: (_prev: unknown, formData: FormData) => ({
    roleId: formData.get("roleId") || undefined,
    name: formData.get("name") ?? "",
    // A translated seeded description left as shown keeps the seeded one (the page shows it in the reader's language).
    description:
      formData.get("seedShown") !== null && formData.get("description") === formData.get("seedShown")
        ? formData.get("seedStored")
        : (formData.get("description") ?? ""),
    permissions: formData.getAll("permissions").map(String),
  }),
  revalidate: ["/roles"],
  // A new role says so (it has no members yet to have new permissions); a saved one, that it was saved.
  done: ({ id }, { roleId }) => redirect(`/roles/${id}?saved=${roleId ? "1" : "created"}`),
});

export const deleteRoleAction = action(deleteRole, {
  input: (roleId: string) => ({ roleId }),
  revalidate: ["/roles"],
  done: async () => ({ ok: true, message: (await getTranslations("RolesActions"))("deleted") }),
});
