import Link from "next/link";
import { getTranslations } from "next-intl/server";

/**
 * The one page for a used, expired, revoked or unknown link: it says nothing about the account.
 * `body` replaces the usual advice; `retry` links to where a new one is asked for (a reset link:
 * "Forgot your password?" again, no administrator needed).
 */
export async function LinkNoLongerValid({ body, retry }: { body?: string; retry?: { href: string; label: string } } = {}) {
  const t = await getTranslations("AuthPages");
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">{t("linkInvalid.heading")}</h1>
      <p className="text-slate-800">{body ?? t("linkInvalid.body")}</p>
      <p className="mt-4 flex flex-wrap gap-x-6 gap-y-2 text-sm">
        {retry ? (
          <Link href={retry.href} className="text-blue-800 underline">
            {retry.label}
          </Link>
        ) : null}
        <Link href="/login" className="text-blue-800 underline">
          {t("linkInvalid.goToSignIn")}
        </Link>
      </p>
    </>
  );
}
