"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requestContext } from "@/lib/auth";
import { pickUsers } from "@/lib/users/form-options";
import { createUser } from "@/lib/users/create-user";
import { deleteUser, listUserClients } from "@/lib/users/delete-user";
import { confirmUser, deactivateUser, reactivateUser } from "@/lib/users/set-user-status";
import { updateUser } from "@/lib/users/update-user";
import { unblockUser } from "@/lib/security/unblock-user";
import { deliverSoon } from "@/lib/email/kick";
import { resendInvitation } from "@/lib/invitations/resend-invitation";
import { revokeInvitation } from "@/lib/invitations/revoke-invitation";
import { failure, type ActionResult } from "../../actions-result";

/** Text fields as strings, files as files; the verb's schema decides what they mean. */
function formInput(formData: FormData): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) if (!key.startsWith("$ACTION")) input[key] = value;
  return input;
}

function echo(input: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => typeof v === "string")) as Record<string, string>;
}

export async function createUserAction(_prev: ActionResult<{ id: string; link: string }> | null, formData: FormData): Promise<ActionResult<{ id: string; link: string }>> {
  const input = formInput(formData);
  let created: Awaited<ReturnType<typeof createUser>>;
  try {
    const ctx = await requestContext("users.create");
    created = await createUser({ ctx, input });
  } catch (error) {
    return failure(error, echo(input));
  }
  deliverSoon();
  revalidatePath("/users");
  // A shareable link is shown once, for the administrator to copy; it is never stored.
  if (created.invitationLink) return { ok: true, data: { id: created.id, link: created.invitationLink } };
  redirect(`/users/${created.id}?created=${input.access === "invite" ? "invited" : "1"}`);
}

export async function resendInvitationAction(userId: string, method: "email" | "link"): Promise<ActionResult<{ link: string | null }>> {
  try {
    const ctx = await requestContext("users.create");
    const { link } = await resendInvitation({ ctx, input: { userId, method } });
    deliverSoon();
    revalidatePath(`/users/${userId}`);
    return { ok: true, data: { link }, message: link ? "New link ready to copy. The previous one no longer works." : "Invitation sent. The previous link no longer works." };
  } catch (error) {
    return failure(error);
  }
}

export async function revokeInvitationAction(tokenId: string): Promise<ActionResult> {
  try {
    const ctx = await requestContext("users.create");
    const { userId } = await revokeInvitation({ ctx, input: { tokenId } });
    revalidatePath(`/users/${userId}`);
    return { ok: true, message: "Invitation revoked." };
  } catch (error) {
    return failure(error);
  }
}

export async function updateUserAction(_prev: ActionResult<{ id: string; link: string }> | null, formData: FormData): Promise<ActionResult<{ id: string; link: string }>> {
  const input = formInput(formData);
  let id: string;
  try {
    const ctx = await requestContext("users.update");
    ({ id } = await updateUser({ ctx, input }));
  } catch (error) {
    return failure(error, echo(input));
  }
  revalidatePath("/users");
  redirect(`/users/${id}?saved=1`);
}

type StatusVerb = typeof deactivateUser;
async function statusAction(verb: StatusVerb, userId: string, done: string): Promise<ActionResult> {
  try {
    const ctx = await requestContext("users.update");
    await verb({ ctx, input: { userId } });
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/users");
  revalidatePath(`/users/${userId}`);
  return { ok: true, message: done };
}

export async function deactivateUserAction(userId: string) {
  return statusAction(deactivateUser, userId, "User deactivated. Their sessions have ended.");
}

export async function reactivateUserAction(userId: string) {
  return statusAction(reactivateUser, userId, "User reactivated.");
}

export async function confirmUserAction(userId: string) {
  return statusAction(confirmUser, userId, "User confirmed.");
}

export async function unblockUserAction(userId: string, sendPasswordReset: boolean): Promise<ActionResult> {
  try {
    const ctx = await requestContext("users.update");
    await unblockUser({ ctx, input: { userId, sendPasswordReset } });
  } catch (error) {
    return failure(error);
  }
  deliverSoon();
  revalidatePath("/users");
  revalidatePath(`/users/${userId}`);
  return { ok: true, message: sendPasswordReset ? "User unblocked; a password-reset link is on its way." : "User unblocked." };
}

export async function deleteUserAction(userId: string, reassignClientsTo: string | null): Promise<ActionResult> {
  try {
    const ctx = await requestContext("users.delete");
    await deleteUser({ ctx, input: { userId, reassignClientsTo } });
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/users");
  return { ok: true, message: "User deleted." };
}

export async function userClientsAction(userId: string): Promise<ActionResult<{ id: string; name: string }[]>> {
  try {
    const ctx = await requestContext("users.view");
    return { ok: true, data: await listUserClients({ ctx, input: { userId } }) };
  } catch (error) {
    return failure(error);
  }
}

export type PickedUser = { id: string; name: string; username: string; role: string };

export async function pickUsersAction(q: string, activeOnly: boolean): Promise<ActionResult<PickedUser[]>> {
  try {
    const ctx = await requestContext();
    const rows = await pickUsers(ctx, { q: String(q).slice(0, 100), activeOnly: !!activeOnly, limit: 8 });
    return { ok: true, data: rows.map((r) => ({ id: r.id, name: `${r.firstName} ${r.lastName}`, username: r.username, role: r.role })) };
  } catch (error) {
    return failure(error);
  }
}
