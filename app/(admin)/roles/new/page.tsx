import type { Metadata } from "next";
import { RoleForm } from "@/components/roles/role-form";
import { pageContext } from "@/lib/auth";

export const metadata: Metadata = { title: "Create role" };

export default async function NewRolePage() {
  const { actor } = await pageContext("roles.manage");
  return (
    <section aria-labelledby="new-role-title" className="flex max-w-5xl flex-col gap-4">
      <h1 id="new-role-title" className="text-2xl font-semibold">
        Create role
      </h1>
      <RoleForm held={[...actor.permissions]} />
    </section>
  );
}
