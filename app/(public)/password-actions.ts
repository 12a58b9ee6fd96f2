"use server";

import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { translateMessage } from "@/lib/i18n/domain-messages";
import { signIn } from "@/lib/auth";
import { passwordHint } from "@/lib/passwords/password-hint";
import { requestPasswordReset, resetPassword } from "@/lib/invitations/password-reset";
import { completeRegistration } from "@/lib/invitations/registration";
import { confirmEmailChange } from "@/lib/account/email-change";
import { isLocale } from "@/i18n/locale";
import { action, readersLocale } from "../action";

const text = (formData: FormData, name: string) => String(formData.get(name) ?? "");
const REGISTRATION_FIELDS = ["token", "firstName", "lastName", "phone", "gender", "birthday", "country", "language", "password", "confirmPassword"];

/** The live strength hint: the same check the server applies on submit. Reveals nothing else. */
export const passwordHintAction = action(passwordHint, {
  input: (password: string, context: string[], locale?: string) => ({ password, context, locale }),
  context: { anonymous: true },
  // Said in the language of the page it shows on (an invitation's may be the invitee's, not the
  // browser's), as the same message is when the form is submitted.
  done: async (hint, { locale }) => ({ ok: true, data: hint === null ? null : translateMessage(hint, isLocale(locale) ? locale : await readersLocale()) }),
});

export const registerAction = action(completeRegistration, {
  input: (_prev: unknown, formData: FormData) => Object.fromEntries(REGISTRATION_FIELDS.map((k) => [k, text(formData, k)])),
  context: { anonymous: true },
  echo: true,
  deliver: true,
  // The page speaks the invitee's language (their account's, or the one just chosen): so do its refusals.
  locale: (input) => input.language,
  done: async ({ username }, input) => {
    // Signed in, the new user lands on their account with "Your account is ready"; if that sign-in
    // is refused (an account that needs confirming first), the sign-in page says the same.
    const signedIn = await signIn("credentials", { identifier: username, password: input.password, redirect: false }).then(
      () => true,
      () => false,
    );
    redirect(signedIn ? "/account?welcome=1" : "/login?registered=1");
  },
});

/** The button on an e-mail change link: the link itself proves the mailbox, so no session is needed. */
export const confirmEmailChangeAction = action(confirmEmailChange, {
  input: (_prev: unknown, formData: FormData) => ({ token: text(formData, "token") }),
  context: { anonymous: true },
  deliver: true,
  done: ({ email }) => ({ ok: true, data: email }),
});

export const forgotPasswordAction = action(requestPasswordReset, {
  input: (_prev: unknown, formData: FormData) => ({ identifier: text(formData, "identifier") }),
  context: { anonymous: true },
  deliver: true,
  // The verb answers the same words whatever the address; here they are said in the reader's language.
  done: async () => ({ ok: true, message: (await getTranslations("PasswordActions"))("forgotAnswer") }),
});

export const resetPasswordAction = action(resetPassword, {
  input: (_prev: unknown, formData: FormData) => ({
    token: text(formData, "token"),
    password: text(formData, "password"),
    confirmPassword: text(formData, "confirmPassword"),
  }),
  context: { anonymous: true },
  deliver: true,
  done: ({ locked }) => redirect(locked ? "/login?reset=locked" : "/login?reset=1"),
});
