import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ForgotForm } from "./forgot-form";
import { withClientMessages } from "@/components/shell/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("PasswordPages");
  return { title: t("forgot.title") };
}

/** Public. Answers the same words whether or not the account exists. */
async function ForgotPasswordPage() {
  const t = await getTranslations("PasswordPages");
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">{t("forgot.heading")}</h1>
      <p className="mb-6 text-sm text-slate-700">{t("forgot.intro")}</p>
      <ForgotForm />
      <p className="mt-4 text-sm">
        <Link href="/login" className="text-blue-800 underline">
          {t("forgot.back")}
        </Link>
      </p>
    </>
  );
}

export default withClientMessages(["AuthPassword"], ForgotPasswordPage);
