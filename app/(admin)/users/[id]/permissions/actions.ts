"use server";

import { copyPermissions, previewCopyPermissions, setUserPermissions } from "@/lib/roles/user-permissions";
import { action } from "../../../../action";

export const setUserPermissionsAction = action(setUserPermissions, {
  input: (userId: string, overrides: Record<string, string>) => ({ userId, overrides }),
  revalidate: (_r, { userId }) => [`/users/${userId}/permissions`],
  done: () => ({ ok: true, message: "Permissions saved. They apply from the user's next request." }),
});

export type CopyPreview = Awaited<ReturnType<typeof previewCopyPermissions>>;

export const previewCopyAction = action(previewCopyPermissions, {
  input: (fromUserId: string, toUserId: string) => ({ fromUserId, toUserId }),
  done: (preview) => ({ ok: true, data: preview }),
});

export const copyPermissionsAction = action(copyPermissions, {
  input: (fromUserId: string, toUserId: string) => ({ fromUserId, toUserId }),
  revalidate: (_r, { toUserId }) => [`/users/${toUserId}/permissions`],
  done: () => ({ ok: true, message: "Permissions copied." }),
});
