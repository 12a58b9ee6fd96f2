"use server";

import { signOut } from "@/lib/auth";

/** Signing out needs no permission: anyone may end their own session. The audit event is in lib/auth. */
export async function signOutAction(): Promise<void> {
  // The sign-in page says it was done: a plain sign-in form left people unsure they were out.
  await signOut({ redirectTo: "/login?signedOut=1" });
}
