"use server";

import { redirect } from "next/navigation";
import { requestContext, signIn } from "@/lib/auth";
import { deliverSoon } from "@/lib/email/kick";
import { changePassword } from "@/lib/security/change-password";
import { failure, type ActionResult } from "../../../actions-result";

export async function changePasswordAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const input = {
    currentPassword: String(formData.get("currentPassword") ?? ""),
    password: String(formData.get("password") ?? ""),
    confirmPassword: String(formData.get("confirmPassword") ?? ""),
  };
  let username: string;
  try {
    const ctx = await requestContext(undefined, { passwordChange: true });
    ({ username } = await changePassword({ ctx, input }));
  } catch (error) {
    return failure(error);
  }
  deliverSoon();
  // Every session ended with the change; this one starts again with the new password.
  await signIn("credentials", { identifier: username, password: input.password, redirect: false });
  redirect("/profile?passwordChanged=1");
}
