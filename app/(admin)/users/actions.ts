"use server";

import { getLocale, getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { resendInvitation } from "@/lib/invitations/resend-invitation";
import { revokeInvitation } from "@/lib/invitations/revoke-invitation";
import { unblockUser } from "@/lib/security/unblock-user";
import { confirmUser } from "@/lib/users/confirm-user";
import { createUser } from "@/lib/users/create-user";
import { deactivateUser } from "@/lib/users/deactivate-user";
import { deleteUser } from "@/lib/users/delete-user";
import { pickAuditPeople, pickUsers, type PickedUser } from "@/lib/users/form-options";
import { listUserClients } from "@/lib/users/list-user-clients";
import { reactivateUser } from "@/lib/users/reactivate-user";
import { updateUser } from "@/lib/users/update-user";
import { bulkUsers, type BulkUsersInput } from "@/lib/users/bulk-users";
import { requireNewPassword, sendPasswordReset } from "@/lib/security/password-duties";
import type { Locale } from "@/lib/format";
import { translateMessage } from "@/lib/i18n/domain-messages";
import type { ActionResult } from "../../actions-result";
import { action, formInput } from "../../action";

export type { PickedUser };

const userPaths = (userId: string) => ["/users", `/users/${userId}`];
/** Success messages, in the acting user's language. */
const says = () => getTranslations("UsersServerActions");

export const createUserAction = action(createUser, {
  input: (_prev: unknown, formData: FormData) => formInput(formData),
  echo: true,
  deliver: true,
  revalidate: ["/users"],
  done: (created, input) => {
    // A shareable link is shown once, for the administrator to copy; it is never stored.
    if (created.invitationLink) return { ok: true, data: { id: created.id, link: created.invitationLink } };
    redirect(`/users/${created.id}?created=${input.access === "invite" ? "invited" : "1"}`);
  },
});

export const updateUserAction = action(updateUser, {
  input: (_prev: unknown, formData: FormData) => formInput(formData),
  echo: true,
  revalidate: ["/users"],
  // An edit that changed nothing (a picture the browser refused was the only change) says so.
  done: ({ id, changed }) => redirect(`/users/${id}?saved=${changed ? "1" : "0"}`),
});

export const resendInvitationAction = action(resendInvitation, {
  input: (userId: string, method: "email" | "link") => ({ userId, method }),
  deliver: true,
  revalidate: (_r, { userId }) => [`/users/${userId}`],
  done: async ({ link }) => ({
    ok: true,
    data: { link },
    message: (await says())(link ? "linkReady" : "invitationSent"),
  }),
});

export const revokeInvitationAction = action(revokeInvitation, {
  input: (tokenId: string) => ({ tokenId }),
  revalidate: ({ userId }) => [`/users/${userId}`],
  done: async () => ({ ok: true, message: (await says())("revoked") }),
});

export const deactivateUserAction = action(deactivateUser, {
  input: (userId: string) => ({ userId }),
  revalidate: ({ id }) => userPaths(id),
  done: async ({ changed }) => ({ ok: true, message: (await says())(changed ? "deactivated" : "alreadyInactive") }),
});

export const reactivateUserAction = action(reactivateUser, {
  input: (userId: string) => ({ userId }),
  revalidate: ({ id }) => userPaths(id),
  done: async ({ changed }) => ({ ok: true, message: (await says())(changed ? "reactivated" : "alreadyActive") }),
});

export const confirmUserAction = action(confirmUser, {
  input: (userId: string) => ({ userId }),
  deliver: true,
  revalidate: ({ id }) => userPaths(id),
  done: async ({ changed }) => ({ ok: true, message: (await says())(changed ? "confirmed" : "alreadyActive") }),
});

export const unblockUserAction = action(unblockUser, {
  input: (userId: string, sendPasswordReset: boolean) => ({ userId, sendPasswordReset }),
  deliver: true,
  revalidate: (_r, { userId }) => userPaths(String(userId)),
  done: async (_r, { sendPasswordReset }) => ({
    ok: true,
    message: (await says())(sendPasswordReset ? "unblockedReset" : "unblocked"),
  }),
});

export const deleteUserAction = action(deleteUser, {
  input: (userId: string, reassignClientsTo: string | null) => ({ userId, reassignClientsTo }),
  revalidate: ["/users"],
  done: async () => ({ ok: true, message: (await says())("deleted") }),
});

export const userClientsAction = action(listUserClients, {
  input: (userId: string) => ({ userId }),
  done: (clients) => ({ ok: true, data: clients }),
});

export const pickUsersAction = action(pickUsers, {
  input: (q: string, activeOnly: boolean) => ({ q, activeOnly, limit: 8 }),
  done: (rows) => ({ ok: true, data: rows }),
});

/** The audit log's "Done by" and "Done to": for whoever may read the log, users.view or not. */
export const pickAuditPeopleAction = action(pickAuditPeople, {
  input: (q: string) => ({ q, limit: 8 }),
  done: (rows) => ({ ok: true, data: rows }),
});

export type BulkResult = { done: number; unchanged: number; gone: number; refused: { id: string; name: string; reason: string }[] };

export const bulkUsersAction = action(bulkUsers, {
  input: (input: BulkUsersInput) => input,
  deliver: true,
  revalidate: ["/users"],
  // Each refusal's reason in the reader's language, like any refusal.
  done: async ({ done, unchanged, refused, gone }): Promise<ActionResult<BulkResult>> => {
    const locale = (await getLocale()) as Locale;
    return {
      ok: true,
      data: { done: done.length, unchanged: unchanged.length, gone, refused: refused.map((r) => ({ ...r, reason: translateMessage(r.reason, locale) })) },
    };
  },
});

export const sendPasswordResetAction = action(sendPasswordReset, {
  input: (userId: string) => ({ userId }),
  deliver: true,
  revalidate: ({ id }) => userPaths(id),
});

export const requireNewPasswordAction = action(requireNewPassword, {
  input: (userId: string) => ({ userId }),
  revalidate: ({ id }) => userPaths(id),
});
