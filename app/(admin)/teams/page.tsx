import type { Metadata } from "next";
import { UnitsPage } from "@/components/organization/units-page";
import { pageContext } from "@/lib/auth";
import { listUnits } from "@/lib/organization/list-units";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage() {
  const ctx = await pageContext("branches.manage");
  return <UnitsPage kind="team" title="Teams" label="team" units={await listUnits({ ctx, input: { kind: "team" } })} />;
}
