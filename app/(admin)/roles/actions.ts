"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requestContext } from "@/lib/auth";
import { deleteRole, saveRole } from "@/lib/roles/save-role";
import { failure, type ActionResult } from "../../actions-result";

export async function saveRoleAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const input = {
    roleId: formData.get("roleId") || undefined,
    name: String(formData.get("name") ?? ""),
    description: String(formData.get("description") ?? ""),
    permissions: formData.getAll("permissions").map(String),
  };
  let id: string;
  try {
    const ctx = await requestContext("roles.manage");
    ({ id } = await saveRole({ ctx, input }));
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/roles");
  redirect(`/roles/${id}?saved=1`);
}

export async function deleteRoleAction(roleId: string): Promise<ActionResult> {
  try {
    const ctx = await requestContext("roles.manage");
    await deleteRole({ ctx, input: { roleId } });
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/roles");
  return { ok: true, message: "Role deleted." };
}
