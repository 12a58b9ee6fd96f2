import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RoleForm } from "@/components/roles/role-form";
import { pageContext } from "@/lib/auth";
import { withClientMessages } from "@/components/shell/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Roles");
  return { title: t("create") };
}

async function NewRolePage() {
  const { actor } = await pageContext("roles.manage");
  const t = await getTranslations("Roles");
  return (
    <section aria-labelledby="new-role-title" className="flex max-w-5xl flex-col gap-4">
      <p className="text-sm">
        <Link href="/roles" className="text-blue-800 underline">
          {t("back")}
        </Link>
      </p>
      <h1 id="new-role-title" className="text-2xl font-semibold">
        {t("create")}
      </h1>
      <RoleForm held={[...actor.permissions]} />
    </section>
  );
}

export default withClientMessages(["RolesForm", "Permissions"], NewRolePage);
