import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LinkNoLongerValid } from "@/components/auth/link-invalid";
import { anonymousContext } from "@/lib/auth";
import { emailChangeLinkAddress } from "@/lib/account/email-change";
import { ConfirmEmailForm } from "./confirm-email-form";
import { withClientMessages } from "@/components/shell/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("EmailConfirm");
  return { title: t("title"), referrer: "no-referrer" };
}

/**
 * Opening the link changes nothing: the button does. A mail scanner that follows every link cannot
 * spend it, and the person sees what they are confirming.
 */
async function ConfirmEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const email = await emailChangeLinkAddress({ ctx: await anonymousContext(), input: { token } });
  if (!email) return <LinkNoLongerValid body={(await getTranslations("EmailConfirm"))("invalid")} />;
  const t = await getTranslations("EmailConfirm");
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">{t("heading")}</h1>
      {/* The address the link was sent to, which holding the link proves: the person sees what they confirm. */}
      <p className="mb-6 text-sm text-slate-700">{t("intro", { email })}</p>
      <ConfirmEmailForm token={token} />
    </>
  );
}

export default withClientMessages(["EmailConfirmForm"], ConfirmEmailPage);
