import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { anonymousContext } from "@/lib/auth";
import { setupNeeded } from "@/lib/setup/setup-needed";
import { SetupForm } from "./setup-form";
import { withClientMessages } from "@/components/shell/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("SetupPage");
  return { title: t("title") };
}

async function SetupPage() {
  // Gone once an Administrator exists; the verb refuses a late submit as well.
  if (!(await setupNeeded(await anonymousContext()))) notFound();
  const t = await getTranslations("SetupPage");
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">{t("heading")}</h1>
      <p className="mb-6 text-sm text-slate-700">{t("intro")}</p>
      <SetupForm />
    </>
  );
}

export default withClientMessages(["SetupForm", "AuthPassword"], SetupPage);
