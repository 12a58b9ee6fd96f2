"use client";

import { useTransition } from "react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { retryDeliveryAction } from "../actions";

export function RetryButton({ id, to }: { id: string; to: string }) {
  const [pending, start] = useTransition();
  const toast = useToast();
  return (
    <Button
      variant="secondary"
      disabled={pending}
      aria-label={`Retry the message to ${to}`}
      onClick={() =>
        start(async () => {
          const r = await retryDeliveryAction(id);
          toast(r.ok ? "Queued again." : r.message, r.ok ? "success" : "error");
        })
      }
    >
      Retry
    </Button>
  );
}
