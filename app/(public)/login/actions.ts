"use server";

import { redirect } from "next/navigation";
import { signInWithPassword } from "@/lib/auth";
import { action } from "../../action";

/** Only same-site paths: never an absolute URL an attacker put in ?callbackUrl. */
function safeNext(value: FormDataEntryValue | null): string {
  const next = typeof value === "string" ? value : "/";
  return next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/";
}

export const signInAction = action(signInWithPassword, {
  input: (_prev: unknown, formData: FormData) => ({
    identifier: formData.get("identifier") ?? "",
    password: formData.get("password") ?? "",
    next: formData.get("next"),
  }),
  context: { anonymous: true },
  echo: true,
  done: (_r, input) => redirect(safeNext(input.next)),
});
