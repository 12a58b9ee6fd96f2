import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LinkNoLongerValid } from "@/components/auth/link-invalid";
import { anonymousContext } from "@/lib/auth";
import { resetLinkUsable } from "@/lib/invitations/describe-reset";
import { ResetForm } from "./reset-form";
import { withClientMessages } from "@/components/shell/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("PasswordPages");
  return { title: t("reset.title"), referrer: "no-referrer" };
}

async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("PasswordPages");
  if (!(await resetLinkUsable(await anonymousContext(), token)))
    return <LinkNoLongerValid body={t("reset.invalid")} retry={{ href: "/password/forgot", label: t("reset.askAgain") }} />;
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">{t("reset.heading")}</h1>
      <p className="mb-6 text-sm text-slate-700">{t("reset.intro")}</p>
      <ResetForm token={token} />
    </>
  );
}

export default withClientMessages(["AuthPassword"], ResetPasswordPage);
