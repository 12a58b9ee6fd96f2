import type { Metadata } from "next";
import { UnitsPage } from "@/components/organization/units-page";
import { pageContext } from "@/lib/auth";
import { listUnits } from "@/lib/organization/list-units";

export const metadata: Metadata = { title: "Branches" };

export default async function BranchesPage() {
  const ctx = await pageContext("branches.manage");
  return <UnitsPage kind="branch" title="Branches" label="branch" units={await listUnits({ ctx, input: { kind: "branch" } })} />;
}
