import { Badge } from "@/components/ui/badge";
import type { LockReason, UserStatus } from "@/db/schema/enums";

const STATUS = {
  pending: { label: "Pending", tone: "warning" },
  active: { label: "Active", tone: "success" },
  inactive: { label: "Inactive", tone: "neutral" },
} as const;

/** Pending, Active or Inactive, with Locked beside it when the account is blocked. */
export function StatusBadges({ status, lockedAt, lockReason }: { status: UserStatus; lockedAt: Date | null; lockReason?: LockReason | null }) {
  const s = STATUS[status];
  return (
    <span className="inline-flex flex-wrap gap-1">
      <Badge tone={s.tone}>{s.label}</Badge>
      {lockedAt ? (
        <Badge tone="danger">
          Locked<span className="sr-only">{lockReason === "inactivity" ? " after 90 days without signing in" : " after wrong passwords"}</span>
        </Badge>
      ) : null}
    </span>
  );
}
