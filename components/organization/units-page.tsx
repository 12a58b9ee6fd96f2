import { getLocale, getTranslations } from "next-intl/server";
import { Table, Tbody, Td, Th, ThActions, Thead, Tr } from "@/components/ui/table";
import { formatNumber, type Locale } from "@/lib/format";
import type { UnitKind } from "@/lib/organization/units";
import { CreateUnitForm, UnitRowActions } from "./unit-forms";

/** The page of branches or of teams: they work the same way. */
export async function UnitsPage({ kind, units }: { kind: UnitKind; units: { id: string; name: string; members: number }[] }) {
  const t = await getTranslations("Org");
  const locale = (await getLocale()) as Locale;
  const title = t(`${kind}.title`);
  return (
    <section aria-labelledby="units-title" className="flex max-w-3xl flex-col gap-4">
      <h1 id="units-title" className="text-2xl font-semibold">
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
                <Td>{u.name}</Td>
                <Td>{formatNumber(u.members, locale)}</Td>
                <Td>
                  <UnitRowActions kind={kind} id={u.id} name={u.name} members={u.members} />
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </section>
  );
}
