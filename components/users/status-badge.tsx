import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { LockReason, UserStatus } from "@/db/schema/enums";

const TONE = { pending: "warning", active: "success", inactive: "neutral" } as const;

/**
 * Pending, Active or Inactive, with Locked beside it when the account is blocked. Rendered by server
 * and client components alike, so it reads a client namespace.
 */
export function StatusBadges({ status, lockedAt, lockReason }: { status: UserStatus; lockedAt: Date | null; lockReason?: LockReason | null }) {
  const t = useTranslations("UsersStatus");
  const badge = <Badge tone={TONE[status]}>{t(status)}</Badge>;
  // The wrapper only spaces two badges: a list of 25 mostly unblocked users sends one span a row.
  if (!lockedAt) return badge;
  return (
    <span className="ui-badges">
      {badge}
      <Badge tone="danger">
        {t("locked")}
        <span className="sr-only">
          {lockReason === "inactivity" ? t("lockedInactivity") : lockReason === "reported" ? t("lockedReported") : t("lockedPasswords")}
        </span>
      </Badge>
    </span>
  );
}
