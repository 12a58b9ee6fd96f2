import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { UnitsPage } from "@/components/organization/units-page";
import { pageContext } from "@/lib/auth";
import { can } from "@/lib/context";
import { listUnits } from "@/lib/organization/list-units";
import { withClientMessages } from "@/components/shell/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Org");
  return { title: t("team.title") };
}

async function TeamsPage() {
  const ctx = await pageContext("branches.manage");
  return <UnitsPage kind="team" units={await listUnits({ ctx, input: { kind: "team" } })} listMembers={can(ctx.actor, "users.view")} />;
}

export default withClientMessages(["OrgForms"], TeamsPage);
