import { forbidden, redirect } from "next/navigation";
import { pageContext } from "@/lib/auth";
import { can } from "@/lib/context";

/** /settings is its first tab the actor may open (the tabs: app/(admin)/settings/layout.tsx). */
export default async function SettingsPage() {
  const { actor } = await pageContext();
  if (can(actor, "roles.manage")) redirect("/settings/general");
  if (can(actor, "api.admin")) redirect("/settings/api-keys");
  forbidden();
}
