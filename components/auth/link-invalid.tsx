import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** The one page for a used, expired, revoked or unknown link: it says nothing about the account. `body` replaces the usual advice. */
export async function LinkNoLongerValid({ body }: { body?: string } = {}) {
  const t = await getTranslations("AuthPages");
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">{t("linkInvalid.heading")}</h1>
      <p className="text-slate-800">{body ?? t("linkInvalid.body")}</p>
      <p className="mt-4 text-sm">
        <Link href="/login" className="text-blue-800 underline">
          {t("linkInvalid.goToSignIn")}
        </Link>
      </p>
    </>
  );
}
