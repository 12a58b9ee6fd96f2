"use client";

import { useReach } from "@/components/ui/use-reach";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { requireNewPasswordAction, sendPasswordResetAction } from "@/app/(admin)/users/actions";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";

/** "Reset password" (a link by e-mail) and "Require a new password at next sign-in", each asked first. */
export function PasswordDuties({ userId, name, canReset, canRequire }: { userId: string; name: string; canReset: boolean; canRequire: boolean }) {
  const t = useTranslations("PasswordDuties");
  const reach = useReach();
  const router = useRouter();
  const toast = useToast();
  const [open, setOpen] = useState<"reset" | "require" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  if (!canReset && !canRequire) return null;
  const run = () =>
    start(async () => {
      const result = open === "reset" ? await reach(sendPasswordResetAction(userId)) : await reach(requireNewPasswordAction(userId));
      if (!result.ok) return setError(result.message);
      toast(open === "reset" ? t("resetSent", { name }) : t("required", { name }));
      setOpen(null);
      router.refresh();
    });
  return (
    <section aria-labelledby="password-duties-title" className="self-start rounded-lg border border-slate-200 bg-white">
      <h2 id="password-duties-title" className="border-b border-slate-200 px-4 py-3 text-base font-semibold">
        {t("title")}
      </h2>
      <p className="px-4 pt-3 text-sm text-slate-700">{t("intro")}</p>
      <div className="flex flex-wrap gap-2 p-4">
        {canReset ? (
          <Button variant="secondary" onClick={() => setOpen("reset")}>
            {t("reset")}
          </Button>
        ) : null}
        {canRequire ? (
          <Button variant="secondary" onClick={() => setOpen("require")}>
            {t("require")}
          </Button>
        ) : null}
        <ConfirmDialog
          open={open !== null}
          title={open === "reset" ? t("resetTitle", { name }) : t("requireTitle", { name })}
          description={<p>{open === "reset" ? t("resetBody") : t("requireBody")}</p>}
          error={error}
          confirmLabel={open === "reset" ? t("resetConfirm") : t("requireConfirm")}
          // A reset link takes nothing away (the password keeps working until it is used): not red.
          constructive={open === "reset"}
          pending={pending}
          onCancel={() => {
            setOpen(null);
            setError(null);
          }}
          onConfirm={run}
        />
      </div>
    </section>
  );
}
