"use server";

import { getTranslations } from "next-intl/server";
import { copyPermissions, previewCopyPermissions, setUserPermissions } from "@/lib/roles/user-permissions";
import { setUserRole } from "@/lib/users/set-role-or-unit";
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

/** The role alone, for whoever holds "Edit permissions" (the user form needs "Update users" too). */
export const setUserRoleAction = action(setUserRole, {
  input: (userId: string, roleId: string) => ({ userId, roleId }),
  revalidate: (_r, { userId }) => [`/users/${userId}/permissions`, `/users/${userId}`],
  done: async () => ({ ok: true, message: (await getTranslations("PermissionsActions"))("roleChanged") }),
});
