"use client";

import { useReach } from "@/components/ui/use-reach";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { retryDeliveryAction } from "../actions";

export function RetryButton({ id, to }: { id: string; to: string }) {
  const [pending, start] = useTransition();
  const toast = useToast();
  const t = useTranslations("SettingsForms");
  const reach = useReach();
  return (
    <Button
      variant="secondary"
      disabled={pending}
      aria-label={t("retryLabel", { to })}
      onClick={() =>
        start(async () => {
          const r = await reach(retryDeliveryAction(id));
          toast(r.ok ? t("retried") : r.message, r.ok ? "success" : "error");
        })
      }
    >
      {t("retry")}
    </Button>
  );
}
