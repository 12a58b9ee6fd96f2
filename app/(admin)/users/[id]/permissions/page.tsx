import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PermissionsEditor } from "@/components/roles/permissions-editor";
import { RoleChangeForm } from "@/components/roles/role-change-form";
import { userFormOptions } from "@/lib/users/form-options";
import { pageContext, pageRead } from "@/lib/auth";
import { can } from "@/lib/context";
import { Alert } from "@/components/ui/alert";
import { readUserPermissions } from "@/lib/roles/user-permissions";
import { withClientMessages } from "@/components/shell/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("PermissionsPage");
  return { title: t("title") };
}

async function UserPermissionsPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await pageContext("users.view");
  const { id } = await params;
  const view = await pageRead(readUserPermissions(ctx, id));
  const self = ctx.actor.userId === view.user.id;
  const outranks = view.effective.every((p) => ctx.actor.permissions.has(p as never));
  const editable = can(ctx.actor, "users.permissions") && !self && outranks;
  const t = await getTranslations("PermissionsPage");
  // The roles this reader may give (and the user's own): only read when the role may be changed here.
  const roles = editable ? await pageRead(userFormOptions(ctx)).then((o) => o.roles.filter((r) => !o.ungivable.includes(r.id) || r.id === view.role.id)) : [];
  return (
    <section aria-labelledby="perm-title" className="flex max-w-5xl flex-col gap-4">
      <p className="text-sm">
        <Link href="/users" className="text-blue-800 underline">
          {t("users")}
        </Link>{" "}
        /{" "}
        <Link href={`/users/${id}`} className="text-blue-800 underline">
          {view.user.name}
        </Link>
      </p>
      <h1 id="perm-title" className="text-2xl font-semibold">
        {t("heading", { name: view.user.name })}
      </h1>
      <p className="text-sm text-slate-700">
        {t("role")} <strong>{view.role.name}</strong>. {t("scope")}
        {self ? ` ${t("self")}` : !editable ? ` ${t("readOnly")}` : ""}
      </p>
      {view.user.adminConsoleAccess ? null : (
        // What the table grants is what the user could do in the console, which they may not open.
        <Alert tone="info">
          {t("noConsole", { name: view.user.name })}{" "}
          {can(ctx.actor, "users.update") ? (
            <Link href={`/users/${id}/edit`} className="underline">
              {t("noConsoleEdit")}
            </Link>
          ) : null}
        </Alert>
      )}
      {editable ? <RoleChangeForm userId={id} userName={view.user.name} roleId={view.role.id} roles={roles} /> : null}
      <PermissionsEditor
        version={view.user.version}
        userId={id}
        userName={view.user.name}
        roleName={view.role.name}
        rows={view.permissions.map((p) => ({ permission: p.permission, fromRole: p.fromRole, override: p.override }))}
        editable={editable}
        held={[...ctx.actor.permissions]}
      />
    </section>
  );
}

export default withClientMessages(["PermissionsEditor", "Permissions", "UsersPicker"], UserPermissionsPage);
