"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { NOTICE_COOKIE, type Notice } from "@/components/ui/notice";
import { signIn } from "@/lib/auth";
import { changePassword } from "@/lib/security/change-password";
import { action } from "../../../action";

/** Leaves a notice for the page the redirect lands on (components/ui/notice.ts). */
async function leaveNotice(notice: Notice) {
  (await cookies()).set(NOTICE_COOKIE, notice, { path: "/", maxAge: 60, sameSite: "lax" });
}

export const changePasswordAction = action(changePassword, {
  input: (_prev: unknown, formData: FormData) => ({
    currentPassword: String(formData.get("currentPassword") ?? ""),
    password: String(formData.get("password") ?? ""),
    confirmPassword: String(formData.get("confirmPassword") ?? ""),
    // The change asked for at sign-in goes on to the console, as the sign-in would have.
    landing: formData.get("landing") === "home" ? ("home" as const) : ("account" as const),
  }),
  context: { passwordChange: true },
  deliver: true,
  done: async ({ username }, input) => {
    // Every session ended with the change; this one starts again with the new password. If that
    // sign-in is refused (locked, expired, throttled), the password has still changed: say so.
    const signedIn = await signIn("credentials", { identifier: username, password: input.password, redirect: false }).then(
      () => true,
      () => false,
    );
    if (signedIn && input.landing === "home") await leaveNotice("passwordChanged");
    redirect(!signedIn ? "/login?reset=1" : input.landing === "home" ? "/" : "/account/password?changed=1");
  },
});
