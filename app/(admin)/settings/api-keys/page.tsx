import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ApiKeyRevoke, CreateApiKeyForm } from "@/components/api-keys/api-keys-panel";
import { Badge } from "@/components/ui/badge";
import { Table, Tbody, Td, TdActions, Th, ThActions, Thead, Tr } from "@/components/ui/table";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { apiKeyRoleOptions } from "@/lib/api-keys/role-options";
import { pageContext } from "@/lib/auth";
import { formatDateTime, type Locale } from "@/lib/format";
import { withClientMessages } from "@/components/shell/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("ApiKeys");
  return { title: t("title") };
}

async function ApiKeysPage() {
  const ctx = await pageContext("api.admin");
  const [keys, roles] = await Promise.all([listApiKeys(ctx), apiKeyRoleOptions(ctx)]);
  const t = await getTranslations("ApiKeys");
  const locale = (await getLocale()) as Locale;
  const when = (d: Date | null) => (d ? formatDateTime(d, locale) : t("never"));
  // A key in force: Revoke, or why this reader may not (its role holds more than they do).
  const revoke = (k: (typeof keys)[number]) =>
    k.state !== "active" ? null : k.revocable ? (
      <ApiKeyRevoke id={k.id} name={k.name} />
    ) : (
      <span className="block max-w-48 text-xs text-slate-700">{t("notRevocable")}</span>
    );
  return (
    <section aria-labelledby="api-keys-title" className="flex flex-col gap-4">
      {/* Focusable by script: where the focus goes once a revoked key's button is gone. */}
      <h1 id="api-keys-title" tabIndex={-1} className="text-2xl font-semibold outline-none">
        {t("title")}
      </h1>
      <p className="max-w-3xl text-sm text-slate-700">
        {t("intro")}{" "}
        <Link href="/api-docs" className="font-medium text-blue-800 underline">
          {t("reference")}
        </Link>
      </p>
      <CreateApiKeyForm roles={roles} liveIds={keys.filter((k) => k.state === "active").map((k) => k.id)} />
      {keys.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-slate-800">{t("empty")}</p>
      ) : (
        <>
          <ul aria-label={t("caption")} className="flex flex-col gap-2 md:hidden">
            {keys.map((k) => (
              <li key={k.id} className="flex items-start justify-between gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm">
                <div className="min-w-0">
                  <p className="font-medium">{k.name}</p>
                  <p className="font-mono text-xs text-slate-700">rk_{k.prefix}_…</p>
                  <p className="text-slate-800">{k.role}</p>
                  {/* What the table says from md up, each with its column's name. */}
                  <p className="text-slate-700">
                    {t("created")}: {formatDateTime(k.createdAt, locale)} · {k.createdBy ? t("by", { name: k.createdBy }) : t("byCommandLine")}
                  </p>
                  <p className="text-slate-700">
                    {t("expires")}: {k.expiresAt ? formatDateTime(k.expiresAt, locale) : t("noExpiry")}
                  </p>
                  <p className="text-slate-700">
                    {t("lastUsed")}: {when(k.lastUsedAt)}
                    {k.lastUsedIp ? ` · ${k.lastUsedIp}` : null}
                  </p>
                  <div className="mt-1">
                    <Badge tone={k.state === "active" ? "success" : "neutral"}>{t(`states.${k.state}`)}</Badge>
                  </div>
                </div>
                {revoke(k)}
              </li>
            ))}
          </ul>
          <div className="hidden md:block">
            <Table caption={t("caption")}>
              <Thead>
                <Tr>
                  <Th>{t("name")}</Th>
                  <Th>{t("role")}</Th>
                  <Th>{t("state")}</Th>
                  <Th>{t("created")}</Th>
                  <Th>{t("expires")}</Th>
                  <Th>{t("lastUsed")}</Th>
                  <ThActions />
                </Tr>
              </Thead>
              <Tbody>
                {keys.map((k) => (
                  <Tr key={k.id}>
                    <Td>
                      <span className="font-medium">{k.name}</span>
                      <span className="block font-mono text-xs text-slate-700">rk_{k.prefix}_…</span>
                    </Td>
                    <Td>{k.role}</Td>
                    <Td>
                      <Badge tone={k.state === "active" ? "success" : "neutral"}>{t(`states.${k.state}`)}</Badge>
                    </Td>
                    <Td>
                      {formatDateTime(k.createdAt, locale)}
                      <span className="block text-xs text-slate-700">{k.createdBy ? t("by", { name: k.createdBy }) : t("byCommandLine")}</span>
                    </Td>
                    <Td>{k.expiresAt ? formatDateTime(k.expiresAt, locale) : t("noExpiry")}</Td>
                    <Td>
                      {when(k.lastUsedAt)}
                      {k.lastUsedIp ? <span className="block text-xs text-slate-700">{k.lastUsedIp}</span> : null}
                    </Td>
                    <TdActions>{revoke(k)}</TdActions>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          </div>
        </>
      )}
    </section>
  );
}

export default withClientMessages(["ApiKeysForm"], ApiKeysPage);
