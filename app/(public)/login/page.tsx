import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { anonymousContext, pageActor, pageRead } from "@/lib/auth";
import { setupNeeded } from "@/lib/setup/setup-needed";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { LoginForm } from "./login-form";
import { withClientMessages } from "@/components/shell/client-messages";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("AuthPages");
  return { title: t("login.title") };
}

async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; reset?: string; registered?: string; reported?: string; ended?: string; signedOut?: string }>;
}) {
  if (await pageActor()) redirect("/");
  if (await pageRead(setupNeeded(await anonymousContext()))) redirect("/setup");
  const t = await getTranslations("AuthPages");
  const { callbackUrl, reset, registered, reported, ended, signedOut } = await searchParams;
  let next = "/";
  try {
    const url = new URL(callbackUrl ?? "/", "http://local");
    next = url.pathname + url.search;
  } catch {}
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">{t("login.heading")}</h1>
      {/* What brought the visitor here; the form hides it once it answers a sign-in of its own. */}
      <LoginForm
        next={next}
        notice={
          reset || registered ? (
            <Alert tone="success">{reset ? t(reset === "locked" ? "login.passwordChangedLocked" : "login.passwordChanged") : t("login.registered")}</Alert>
          ) : reported || ended || signedOut ? (
            <Alert tone="info">{reported ? t("login.reported") : ended ? t("login.ended") : t("login.signedOut")}</Alert>
          ) : null
        }
      />
      <p className="mt-4 text-sm">
        <Link href="/password/forgot" className="text-blue-800 underline">
          {t("login.forgot")}
        </Link>
      </p>
    </>
  );
}

export default withClientMessages(["AuthLogin"], LoginPage);
