"use server";

import { revalidatePath } from "next/cache";
import { requestContext } from "@/lib/auth";
import { updateSecuritySettings } from "@/lib/settings/update-security-settings";
import { retryDelivery } from "@/lib/email/list-deliveries";
import { deliverSoon } from "@/lib/email/kick";
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

export async function retryDeliveryAction(id: string): Promise<ActionResult> {
  try {
    const ctx = await requestContext("roles.manage");
    await retryDelivery({ ctx, input: { id } });
  } catch (error) {
    return failure(error);
  }
  deliverSoon();
  revalidatePath("/settings/email");
  return { ok: true };
}
