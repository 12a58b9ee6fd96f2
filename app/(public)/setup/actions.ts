"use server";

import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth";
import { completeSetup } from "@/lib/users/create-administrator";
import { action } from "../../action";

const FIELDS = ["firstName", "lastName", "username", "email", "password", "confirmPassword"] as const;

export const setupAction = action(completeSetup, {
  input: (_prev: unknown, formData: FormData) =>
    Object.fromEntries(FIELDS.map((name) => [name, String(formData.get(name) ?? "")])) as Record<(typeof FIELDS)[number], string>,
  context: { anonymous: true },
  echo: true,
  done: async (_created, input) => {
    await signIn("credentials", { identifier: input.username, password: input.password, redirect: false }).catch(() => redirect("/login"));
    redirect("/");
  },
});
