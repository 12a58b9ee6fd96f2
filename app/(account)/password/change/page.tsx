import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { pageContext, pageRead } from "@/lib/auth";
import { getOwnAccount } from "@/lib/account/own-profile";
import { ChangePasswordForm } from "./change-password-form";
import { navFor } from "@/components/shell/nav-items";
import { withClientMessages } from "@/components/shell/client-messages";
import { signOutAction } from "@/app/(admin)/actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("PasswordPages");
  return { title: t("change.title") };
}

async function ChangePasswordPage() {
  const ctx = await pageContext(undefined, { passwordChangePage: true });
  const { actor } = ctx;
  const me = await pageRead(getOwnAccount({ ctx }));
  const t = await getTranslations("PasswordPages");
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">{t("change.heading")}</h1>
      {actor.mustChangePassword ? (
        <div className="mb-4">
          {/* Past its age, it expired; otherwise an administrator set it or asked for a new one. */}
          <Alert tone="info">{me.passwordExpiresAt && me.passwordExpiresAt <= new Date() ? t("change.expired") : t("change.required")}</Alert>
        </div>
      ) : null}
      {/* Asked for at sign-in: once done, on to the console, as the sign-in would have gone (else the account's password page, which says it changed). */}
      <ChangePasswordForm
        context={[me.username, me.email, me.firstName, me.lastName]}
        landing={actor.mustChangePassword && navFor(actor).length ? "home" : "account"}
      />
      {!actor.mustChangePassword ? (
        <p className="mt-4 text-sm">
          <Link href="/account" className="text-blue-800 underline">
            {t("change.back")}
          </Link>
        </p>
      ) : (
        // Nothing else is open until the password is changed; the way out is to leave.
        <form action={signOutAction} className="mt-4 text-sm">
          <button type="submit" className="text-blue-800 underline">
            {t("change.signOut")}
          </button>
        </form>
      )}
    </>
  );
}

export default withClientMessages(["AuthPassword"], ChangePasswordPage);
