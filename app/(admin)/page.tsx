import { redirect } from "next/navigation";
import { navFor } from "@/components/shell/nav-items";
import { pageContext } from "@/lib/auth";

/** Home is the first section the actor may open, or their account. */
export default async function HomePage() {
  const { actor } = await pageContext();
  redirect(navFor(actor)[0]?.href ?? "/account");
}
