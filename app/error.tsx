"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { MainUnlessInOne } from "@/components/shell/page-main";

const DATABASE_UNAVAILABLE = "ROLLCALL_DATABASE_UNAVAILABLE";

/** Any page that failed. The database being out of reach says so; anything else says no more than it must. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("Errors");
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const unavailable = error.digest === DATABASE_UNAVAILABLE;
  return (
    <MainUnlessInOne className="mx-auto max-w-xl p-8">
      <h1 ref={heading} tabIndex={-1} className="text-2xl font-semibold">
        {unavailable ? t("unavailableTitle") : t("title")}
      </h1>
      <p className="mt-2 text-slate-700">
        {unavailable ? t("unavailableBody") : t("body")}
        {error.digest && !unavailable ? ` ${t("reference", { digest: error.digest })}` : null}
      </p>
      <button type="button" onClick={reset} className="mt-4 rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">
        {t("retry")}
      </button>
    </MainUnlessInOne>
  );
}
