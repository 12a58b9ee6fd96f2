"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Button } from "./button";

/** A read-only value with a Copy button; "Copied" is announced to screen readers. */
export function CopyField({ label, value }: { label: string; value: string }) {
  const t = useTranslations("Ui");
  const id = useId();
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-900">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-slate-400 bg-slate-50 px-3 py-2 font-mono text-xs"
        />
        <Button
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard?.writeText(value).catch(() => {});
            setCopied(true);
          }}
        >
          {t("copy")}
        </Button>
      </div>
      <p aria-live="polite" className="text-xs text-green-800">
        {copied ? t("copied") : ""}
      </p>
    </div>
  );
}
