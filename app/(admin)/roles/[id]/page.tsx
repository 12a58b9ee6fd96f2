import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { RoleForm } from "@/components/roles/role-form";
import { pageContext } from "@/lib/auth";
import { can } from "@/lib/context";
import { listRoles } from "@/lib/roles/list-roles";
import { BUILT_IN_DESCRIPTIONS } from "@/lib/roles/built-in";
import { withClientMessages } from "@/components/shell/client-messages";
import { FlashNotice } from "@/components/ui/flash-notice";

/** The role, read once for the page and its title (an unknown id is the 404 page, titled as such). */
const shownRole = cache(async (id: string) => {
  const ctx = await pageContext("roles.manage");
  const role = (await listRoles(ctx)).find((r) => r.id === id);
  if (!role) notFound();
  return { ctx, role };
});

/** Named after the role: a tab and the history say which role's page it is. */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { role } = await shownRole((await params).id);
  const t = await getTranslations("Roles");
  return { title: `${role.name} · ${t("roleTitle")}` };
}

async function RolePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> }) {
  const { id } = await params;
  const { saved } = await searchParams;
  const { ctx, role } = await shownRole(id);
  const t = await getTranslations("Roles");
  // A built-in role's description, still as seeded, is shown in the reader's language, as the list
  // shows it; saved unchanged, it stays the seeded one (role-form sends both, the action compares).
  const seeded = role.builtIn && role.key && role.description === BUILT_IN_DESCRIPTIONS[role.key] && t.has(`builtInDescriptions.${role.key}`);
  const description = seeded ? t(`builtInDescriptions.${role.key}`) : role.description;
  return (
    <section aria-labelledby="role-title" className="flex max-w-5xl flex-col gap-4">
      <p className="text-sm">
        <Link href="/roles" className="text-blue-800 underline">
          {t("back")}
        </Link>
      </p>
      <h1 id="role-title" className="text-2xl font-semibold">
        {role.name}
      </h1>
      {saved ? (
        <FlashNotice stamp={role.permissions.join(",") + role.name + role.description}>
          <Alert tone="success">{saved === "created" ? t("created") : t("saved")}</Alert>
        </FlashNotice>
      ) : null}
      <RoleForm
        key={role.permissions.join(",") + role.name}
        held={[...ctx.actor.permissions]}
        listMembers={can(ctx.actor, "users.view")}
        role={{
          id: role.id,
          name: role.name,
          description,
          ...(seeded ? { seed: { shown: description, stored: role.description } } : {}),
          builtIn: role.builtIn,
          isAdministrator: role.key === "administrator",
          members: role.members,
          permissions: role.permissions,
        }}
      />
    </section>
  );
}

export default withClientMessages(["RolesForm", "Permissions"], RolePage);
