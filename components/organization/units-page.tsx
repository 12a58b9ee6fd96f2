import { getLocale, getTranslations } from "next-intl/server";
import { Table, Tbody, Td, TdActions, Th, ThActions, Thead, Tr } from "@/components/ui/table";
import type { Locale } from "@/lib/format";
import type { UnitKind } from "@/lib/organization/units";
import { MembersLink, membersHref } from "./members-link";
import { CreateUnitForm, UnitRowActions } from "./unit-forms";

/**
 * The page of branches or of teams: they work the same way. `listMembers`: the reader may see the user
 * list, so each count links to its users there.
 */
export async function UnitsPage({
  kind,
  units,
  listMembers,
}: {
  kind: UnitKind;
  units: { id: string; name: string; members: number }[];
  listMembers: boolean;
}) {
  const t = await getTranslations("Org");
  const locale = (await getLocale()) as Locale;
  const title = t(`${kind}.title`);
  return (
    <section aria-labelledby="units-title" className="flex max-w-3xl flex-col gap-4">
      {/* Focusable by script: where the focus goes once a deleted row's buttons are gone. */}
      <h1 id="units-title" tabIndex={-1} className="text-2xl font-semibold outline-none">
        {title}
      </h1>
      <CreateUnitForm kind={kind} />
      {units.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-800">{t(`${kind}.empty`)}</p>
      ) : (
        <Table caption={title}>
          <Thead>
            <Tr>
              <Th>{t("name")}</Th>
              <Th>{t("users")}</Th>
              <ThActions />
            </Tr>
          </Thead>
          <Tbody>
            {units.map((u) => (
              <Tr key={u.id}>
                {/* Words stay whole ("Engineering" beside Spanish buttons on a phone); a name of 80 letters
                    without a space widens the table, which scrolls sideways with its buttons pinned. */}
                <Td className="break-words">{u.name}</Td>
                <Td>
                  <MembersLink
                    count={u.members}
                    href={membersHref(kind, u.id)}
                    label={t("membersOf", { count: u.members, name: u.name })}
                    locale={locale}
                    linked={listMembers}
                  />
                </Td>
                <TdActions>
                  <UnitRowActions
                    kind={kind}
                    id={u.id}
                    name={u.name}
                    members={u.members}
                    {...(listMembers && u.members ? { membersHref: membersHref(kind, u.id) } : {})}
                  />
                </TdActions>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </section>
  );
}
