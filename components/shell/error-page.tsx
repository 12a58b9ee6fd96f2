"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { MainUnlessInOne } from "./page-main";

/**
 * The 404, 403 and 401 pages. A client component reading a base client catalog, because Next.js
 * puts these boundaries into every page's RSC payload, once per layout: as server components their
 * whole markup travelled with every page; as this, a reference of a few bytes.
 */
export function ErrorPage({ kind }: { kind: "notFound" | "forbidden" | "unauthorized" }) {
  const t = useTranslations("ErrorsPages");
  return (
    <MainUnlessInOne className="mx-auto max-w-xl p-8">
      <h1 className="text-2xl font-semibold">{t(`${kind}.title`)}</h1>
      <p className="mt-2 text-slate-700">{t(`${kind}.body`)}</p>
      <Link href={kind === "unauthorized" ? "/login" : "/"} className="mt-4 inline-block text-blue-800 underline">
        {t(`${kind}.home`)}
      </Link>
    </MainUnlessInOne>
  );
}
