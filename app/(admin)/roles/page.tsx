import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Table, Tbody, Td, Th, Thead, Tr } from "@/components/ui/table";
import { pageContext } from "@/lib/auth";
import { listRoles } from "@/lib/roles/list-roles";

export const metadata: Metadata = { title: "Roles" };

export default async function RolesPage() {
  const ctx = await pageContext("roles.manage");
  const roles = await listRoles(ctx);
  return (
    <section aria-labelledby="roles-title" className="flex flex-col gap-4">
      <div className="flex items-center justify-between">
        <h1 id="roles-title" className="text-2xl font-semibold">
          Roles
        </h1>
        <Link href="/roles/new" className={buttonClasses("primary")}>
          Create role
        </Link>
      </div>
      <Table caption="Roles">
        <Thead>
          <Tr>
            <Th>Name</Th>
            <Th>Description</Th>
            <Th>Members</Th>
            <Th>Permissions</Th>
          </Tr>
        </Thead>
        <Tbody>
          {roles.map((r) => (
            <Tr key={r.id}>
              <Td className="whitespace-nowrap">
                <Link href={`/roles/${r.id}`} className="font-medium text-blue-800 hover:underline">
                  {r.name}
                </Link>{" "}
                {r.builtIn ? <Badge>Built-in</Badge> : <Badge tone="info">Custom</Badge>}
              </Td>
              <Td>{r.description || "—"}</Td>
              <Td>{r.members}</Td>
              <Td>{r.permissions.length}</Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
    </section>
  );
}
