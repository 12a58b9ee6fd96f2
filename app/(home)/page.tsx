import { redirect } from "next/navigation";
import { navFor } from "@/components/shell/nav-items";
import { pageContext } from "@/lib/auth";

/**
 * Home is the first section the actor may open, or their account. Outside the console's route group,
 * whose layout sends a user without the console to their account with "not for you": here they asked
 * for nothing, so they get no such word.
 */
export default async function HomePage() {
  // Every signed-in user comes here first: no "not for you" on the way to their own account.
  const { actor } = await pageContext(undefined, { accountPage: true });
  redirect(navFor(actor)[0]?.href ?? "/account");
}
