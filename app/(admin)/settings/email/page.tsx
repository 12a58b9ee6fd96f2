import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Table, Tbody, Td, TdActions, Th, ThActions, Thead, Tr } from "@/components/ui/table";
import { pageContext } from "@/lib/auth";
import { listProblemDeliveries } from "@/lib/email/list-deliveries";
import { formatDateTime, type Locale } from "@/lib/format";
import { RetryButton } from "./retry-button";
import { withClientMessages } from "@/components/shell/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Settings");
  return { title: t("emailTitle") };
}

async function EmailDeliveryPage() {
  const ctx = await pageContext("roles.manage");
  const rows = await listProblemDeliveries(ctx);
  const t = await getTranslations("Settings");
  const locale = (await getLocale()) as Locale;
  // Only a failed delivery can be retried: with none, no column of empty cells.
  const retryable = rows.some((r) => r.status === "failed");
  return (
    <section aria-labelledby="email-title" className="flex flex-col gap-4">
      <h1 id="email-title" className="text-2xl font-semibold">
        {t("emailTitle")}
      </h1>
      <p className="text-sm text-slate-700">{t("emailIntro")}</p>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-800">{t("emailEmpty")}</p>
      ) : (
        <Table caption={t("emailCaption")}>
          <Thead>
            <Tr>
              <Th>{t("to")}</Th>
              <Th>{t("subject")}</Th>
              <Th>{t("status")}</Th>
              <Th>{t("attempts")}</Th>
              <Th>{t("lastError")}</Th>
              <Th>{t("nextAttempt")}</Th>
              {retryable ? <ThActions /> : null}
            </Tr>
          </Thead>
          <Tbody>
            {rows.map((r) => (
              <Tr key={r.id}>
                <Td>{r.to}</Td>
                <Td>{r.subject}</Td>
                <Td>
                  <Badge tone={r.status === "failed" ? "danger" : "warning"}>{r.status === "failed" ? t("gaveUp") : t("retrying")}</Badge>
                </Td>
                <Td>{r.attempts}</Td>
                <Td className="max-w-md break-words">{r.lastError ?? "—"}</Td>
                <Td>{r.status === "failed" ? "—" : formatDateTime(r.nextAttemptAt, locale)}</Td>
                {retryable ? <TdActions>{r.status === "failed" ? <RetryButton id={r.id} to={r.to} /> : null}</TdActions> : null}
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </section>
  );
}

export default withClientMessages(["SettingsForms"], EmailDeliveryPage);
