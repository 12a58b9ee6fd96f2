import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { Table, Tbody, Td, Th, ThActions, Thead, Tr } from "@/components/ui/table";
import { pageContext } from "@/lib/auth";
import { listProblemDeliveries } from "@/lib/email/list-deliveries";
import { formatDateTime } from "@/lib/format";
import { RetryButton } from "./retry-button";

export const metadata: Metadata = { title: "E-mail delivery" };

export default async function EmailDeliveryPage() {
  const ctx = await pageContext("roles.manage");
  const rows = await listProblemDeliveries(ctx);
  return (
    <section aria-labelledby="email-title" className="flex flex-col gap-4">
      <h1 id="email-title" className="text-2xl font-semibold">
        E-mail delivery
      </h1>
      <p className="text-sm text-slate-700">
        Messages that could not be delivered yet. Rollcall retries with growing pauses (30 s up to 1 h) and gives up after 8 attempts.
      </p>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-800">Every message was delivered.</p>
      ) : (
        <Table caption="Undelivered messages">
          <Thead>
            <Tr>
              <Th>To</Th>
              <Th>Subject</Th>
              <Th>Status</Th>
              <Th>Attempts</Th>
              <Th>Last error</Th>
              <Th>Next attempt</Th>
              <ThActions />
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((r) => (
              <Tr key={r.id}>
                <Td>{r.to}</Td>
                <Td>{r.subject}</Td>
                <Td>
                  <Badge tone={r.status === "failed" ? "danger" : "warning"}>{r.status === "failed" ? "gave up" : "retrying"}</Badge>
                </Td>
                <Td>{r.attempts}</Td>
                <Td className="max-w-md break-words">{r.lastError ?? "—"}</Td>
                <Td>{r.status === "failed" ? "—" : formatDateTime(r.nextAttemptAt)}</Td>
                <Td>{r.status === "failed" ? <RetryButton id={r.id} to={r.to} /> : null}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </section>
  );
}
