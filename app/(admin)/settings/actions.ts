"use server";

import { revalidatePath } from "next/cache";
import { requestContext } from "@/lib/auth";
import { updateSecuritySettings } from "@/lib/settings/update-security-settings";
import { failure, type ActionResult } from "../../actions-result";

export async function updateSecuritySettingsAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const input = Object.fromEntries([...formData.entries()].filter(([k]) => !k.startsWith("$ACTION")).map(([k, v]) => [k, String(v)]));
  try {
    const ctx = await requestContext("roles.manage");
    const { changed } = await updateSecuritySettings({ ctx, input });
    revalidatePath("/settings/security");
    return { ok: true, message: changed ? "Settings saved." : "Nothing changed." };
  } catch (error) {
    return failure(error, input);
  }
}
