import { Table, Tbody, Td, Th, ThActions, Thead, Tr } from "@/components/ui/table";
import type { UnitKind } from "@/lib/organization/units";
import { CreateUnitForm, UnitRowActions } from "./unit-forms";

/** The page of branches or of teams: they work the same way. */
export function UnitsPage({
  kind,
  title,
  label,
  units,
}: {
  kind: UnitKind;
  title: string;
  label: string;
  units: { id: string; name: string; members: number }[];
}) {
  return (
    <section aria-labelledby="units-title" className="flex max-w-3xl flex-col gap-4">
      <h1 id="units-title" className="text-2xl font-semibold">
        {title}
      </h1>
      <CreateUnitForm kind={kind} label={label} />
      {units.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-800">
          No {title.toLowerCase()} yet. Create the first one above; it then appears in the user form and filters.
        </p>
      ) : (
        <Table caption={title}>
          <Thead>
            <Tr>
              <Th>Name</Th>
              <Th>Users</Th>
              <ThActions />
            </Tr>
          </Thead>
          <Tbody>
            {units.map((u) => (
              <Tr key={u.id}>
                <Td>{u.name}</Td>
                <Td>{u.members}</Td>
                <Td>
                  <UnitRowActions kind={kind} label={label} id={u.id} name={u.name} members={u.members} />
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </section>
  );
}
