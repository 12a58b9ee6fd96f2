import Link from "next/link";
import { getTranslations } from "next-intl/server";

/** The one page for a used, expired, revoked or unknown link: it says nothing about the account. */
export async function LinkNoLongerValid() {
  const t = await getTranslations("AuthPages");
  return (
    <>
      <h1 className="mb-2 text-2xl font-semibold">{t("linkInvalid.heading")}</h1>
      <p className="text-slate-800">{t("linkInvalid.body")}</p>
      <p className="mt-4 text-sm">
        <Link href="/login" className="text-blue-800 underline">
          {t("linkInvalid.goToSignIn")}
        </Link>
      </p>
    </>
  );
}
