"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn, SignInRefused } from "@/lib/auth";
import { INVALID_CREDENTIALS } from "@/lib/auth/authenticate";
import type { ActionResult } from "../../actions-result";

/** Only same-site paths: never an absolute URL an attacker put in ?callbackUrl. */
function safeNext(value: FormDataEntryValue | null): string {
  const next = typeof value === "string" ? value : "/";
  return next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}

export async function signInAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const identifier = formData.get("identifier");
  const password = formData.get("password");
  if (typeof identifier !== "string" || !identifier.trim() || typeof password !== "string" || !password) {
    return {
      ok: false,
      code: "validation",
      message: "Enter your username or e-mail address and your password.",
      fieldErrors: {
        ...(typeof identifier === "string" && identifier.trim() ? {} : { identifier: ["Enter your username or e-mail address."] }),
        ...(typeof password === "string" && password ? {} : { password: ["Enter your password."] }),
      },
    };
  }
  try {
    await signIn("credentials", { identifier, password, redirect: false });
  } catch (error) {
    if (error instanceof SignInRefused) {
      return { ok: false, code: error.code === "rate_limited" ? "rate_limited" : "unauthenticated", message: error.userMessage };
    }
    if (error instanceof AuthError) return { ok: false, code: "unauthenticated", message: INVALID_CREDENTIALS };
    throw error;
  }
  redirect(safeNext(formData.get("next")));
}
