"use server";

import { revalidatePath } from "next/cache";
import { requestContext } from "@/lib/auth";
import { copyPermissions, previewCopyPermissions, setUserPermissions } from "@/lib/roles/user-permissions";
import { failure, type ActionResult } from "../../../../actions-result";

export async function setUserPermissionsAction(userId: string, overrides: Record<string, string>): Promise<ActionResult> {
  try {
    const ctx = await requestContext("users.permissions");
    await setUserPermissions({ ctx, input: { userId, overrides } });
  } catch (error) {
    return failure(error);
  }
  revalidatePath(`/users/${userId}/permissions`);
  return { ok: true, message: "Permissions saved. They apply from the user's next request." };
}

export type CopyPreview = Awaited<ReturnType<typeof previewCopyPermissions>>;

export async function previewCopyAction(fromUserId: string, toUserId: string): Promise<ActionResult<CopyPreview>> {
  try {
    const ctx = await requestContext("users.permissions");
    return { ok: true, data: await previewCopyPermissions(ctx, { fromUserId: String(fromUserId), toUserId: String(toUserId) }) };
  } catch (error) {
    return failure(error);
  }
}

export async function copyPermissionsAction(fromUserId: string, toUserId: string): Promise<ActionResult> {
  try {
    const ctx = await requestContext("users.permissions");
    await copyPermissions({ ctx, input: { fromUserId, toUserId } });
  } catch (error) {
    return failure(error);
  }
  revalidatePath(`/users/${toUserId}/permissions`);
  return { ok: true, message: "Permissions copied." };
}
