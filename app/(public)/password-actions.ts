"use server";

import { redirect } from "next/navigation";
import { anonymousContext, signIn } from "@/lib/auth";
import { deliverSoon } from "@/lib/email/kick";
import { requestPasswordReset, resetPassword } from "@/lib/invitations/password-reset";
import { completeRegistration } from "@/lib/invitations/registration";
import { passwordProblem } from "@/lib/passwords/policy";
import { failure, type ActionResult } from "../actions-result";

const text = (formData: FormData, name: string) => String(formData.get(name) ?? "");

/** The live strength hint: the same check the server applies on submit. Reveals nothing else. */
export async function passwordHintAction(password: string, context: string[]): Promise<string | null> {
  if (typeof password !== "string" || password.length === 0) return null;
  return passwordProblem(password.slice(0, 200), (Array.isArray(context) ? context : []).slice(0, 6).map((v) => String(v).slice(0, 100)));
}

export async function registerAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const input = Object.fromEntries(["token", "firstName", "lastName", "phone", "gender", "birthday", "country", "language", "password", "confirmPassword"].map((k) => [k, text(formData, k)]));
  let username: string;
  try {
    ({ username } = await completeRegistration({ ctx: await anonymousContext(), input }));
  } catch (error) {
    return failure(error, input);
  }
  deliverSoon();
  await signIn("credentials", { identifier: username, password: input.password, redirect: false }).catch(() => {});
  redirect("/");
}

export async function forgotPasswordAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  try {
    const { message } = await requestPasswordReset({ ctx: await anonymousContext(), input: { identifier: text(formData, "identifier") } });
    deliverSoon();
    return { ok: true, message };
  } catch (error) {
    return failure(error);
  }
}

export async function resetPasswordAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  try {
    await resetPassword({
      ctx: await anonymousContext(),
      input: { token: text(formData, "token"), password: text(formData, "password"), confirmPassword: text(formData, "confirmPassword") },
    });
  } catch (error) {
    return failure(error);
  }
  deliverSoon();
  redirect("/login?reset=1");
}
