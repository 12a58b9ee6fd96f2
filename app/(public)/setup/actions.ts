"use server";

import { redirect } from "next/navigation";
import { anonymousContext, signIn } from "@/lib/auth";
import { completeSetup } from "@/lib/users/create-administrator";
import { failure, type ActionResult } from "../../actions-result";

export async function setupAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const field = (name: string) => String(formData.get(name) ?? "");
  const input = {
    firstName: field("firstName"),
    lastName: field("lastName"),
    username: field("username"),
    email: field("email"),
    password: field("password"),
    confirmPassword: field("confirmPassword"),
  };
  try {
    await completeSetup({ ctx: await anonymousContext(), input });
  } catch (error) {
    return failure(error, input);
  }
  await signIn("credentials", { identifier: input.username, password: input.password, redirect: false });
  redirect("/");
}
