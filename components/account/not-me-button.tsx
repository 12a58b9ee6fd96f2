"use client";

import { useReach } from "@/components/ui/use-reach";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { reportNotMeAction } from "@/app/(account)/account/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";

/** "This wasn't me", asked first: it locks the account and signs it out everywhere, this browser too. */
export function NotMeButton() {
  const t = useTranslations("AccountForms");
  const reach = useReach();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const confirm = () =>
    start(async () => {
      const result = await reach(reportNotMeAction());
      // On success the action redirects to the sign-in page; only a refusal comes back.
      if (result && !result.ok) setError(result.message);
    });
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        {t("notMe")}
      </Button>
      <ConfirmDialog
        open={open}
        onCancel={() => {
          setOpen(false);
          setError(null);
        }}
        title={t("notMeConfirmTitle")}
        description={t("notMeConfirmBody")}
        confirmLabel={t("notMeConfirm")}
        pending={pending}
        error={error}
        onConfirm={confirm}
      />
    </>
  );
}
