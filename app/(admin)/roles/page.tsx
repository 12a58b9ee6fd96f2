import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Table, Tbody, Td, Th, Thead, Tr } from "@/components/ui/table";
import { MembersLink, membersHref } from "@/components/organization/members-link";
import { pageContext } from "@/lib/auth";
import { can } from "@/lib/context";
import type { Locale } from "@/lib/format";
import { BUILT_IN_DESCRIPTIONS } from "@/lib/roles/built-in";
import { listRoles } from "@/lib/roles/list-roles";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Roles");
  return { title: t("title") };
}

export default async function RolesPage() {
  const ctx = await pageContext("roles.manage");
  const roles = await listRoles(ctx);
  const t = await getTranslations("Roles");
  const locale = (await getLocale()) as Locale;
  const listMembers = can(ctx.actor, "users.view");
  // A built-in role's description as seeded (migration 0002) is said in the reader's language; one
  // an administrator rewrote is theirs, shown as written.
  const describe = (r: (typeof roles)[number]) =>
    r.builtIn && r.key && t.has(`builtInDescriptions.${r.key}`) && r.description === BUILT_IN_DESCRIPTIONS[r.key]
      ? t(`builtInDescriptions.${r.key}`)
      : r.description;
  return (
    <section aria-labelledby="roles-title" className="flex flex-col gap-4">
      <div className="flex items-center justify-between">
        <h1 id="roles-title" className="text-2xl font-semibold">
          {t("title")}
        </h1>
        <Link href="/roles/new" className={buttonClasses("primary")}>
          {t("create")}
        </Link>
      </div>
      <Table caption={t("title")} scrollCue={(await getTranslations("Ui"))("moreColumns")}>
        <Thead>
          <Tr>
            <Th>{t("name")}</Th>
            <Th className="hidden sm:table-cell">{t("description")}</Th>
            <Th>{t("members")}</Th>
            <Th>{t("permissions")}</Th>
          </Tr>
        </Thead>
        <Tbody>
          {roles.map((r) => (
            <Tr key={r.id}>
              <Td className="whitespace-nowrap">
                <Link href={`/roles/${r.id}`} className="font-medium text-blue-800 hover:underline">
                  {r.name}
                </Link>{" "}
                {r.builtIn ? <Badge>{t("builtIn")}</Badge> : <Badge tone="info">{t("custom")}</Badge>}
              </Td>
              <Td className="hidden sm:table-cell">{describe(r) || "—"}</Td>
              <Td>
                <MembersLink
                  count={r.members}
                  href={membersHref("role", r.id)}
                  label={t("membersOf", { count: r.members, name: r.name })}
                  locale={locale}
                  linked={listMembers}
                />
              </Td>
              <Td>{r.permissions.length}</Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
    </section>
  );
}
