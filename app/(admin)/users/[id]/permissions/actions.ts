"use server";

import { getTranslations } from "next-intl/server";
import { copyPermissions, previewCopyPermissions, setUserPermissions } from "@/lib/roles/user-permissions";
import { action } from "../../../../action";

export const setUserPermissionsAction = action(setUserPermissions, {
  input: (userId: string, overrides: Record<string, string>) => ({ userId, overrides }),
  revalidate: (_r, { userId }) => [`/users/${userId}/permissions`],
  done: async () => ({ ok: true, message: (await getTranslations("PermissionsActions"))("saved") }),
});

export type CopyPreview = Awaited<ReturnType<typeof previewCopyPermissions>>;

export const previewCopyAction = action(previewCopyPermissions, {
  input: (fromUserId: string, toUserId: string) => ({ fromUserId, toUserId }),
  done: (preview) => ({ ok: true, data: preview }),
});

export const copyPermissionsAction = action(copyPermissions, {
  input: (fromUserId: string, toUserId: string) => ({ fromUserId, toUserId }),
  revalidate: (_r, { toUserId }) => [`/users/${toUserId}/permissions`],
  done: async () => ({ ok: true, message: (await getTranslations("PermissionsActions"))("copied") }),
});
