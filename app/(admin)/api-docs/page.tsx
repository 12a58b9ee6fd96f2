import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { forbidden } from "next/navigation";
import { ApiReference } from "@/components/api-keys/api-reference";
import { pageContext } from "@/lib/auth";
import { can } from "@/lib/context";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("ApiKeys");
  return { title: t("docsTitle") };
}

export default async function ApiDocsPage() {
  const { actor } = await pageContext();
  if (!can(actor, "api.admin") && !can(actor, "api.access")) forbidden();
  const t = await getTranslations("ApiKeys");
  return (
    <section aria-labelledby="api-docs-title" className="flex flex-col gap-4">
      <h1 id="api-docs-title" className="text-2xl font-semibold">
        {t("docsTitle")}
      </h1>
      <p className="max-w-3xl text-sm text-slate-700">{t("docsIntro")}</p>
      <ApiReference loading={t("docsLoading")} operations={t("docsOperations")} />
    </section>
  );
}
