/**
 * Every action code the code base records (grep `recordAudit(` in lib/), grouped by area for the
 * audit page's action filter. Each has a sentence in messages/<locale>/server/AuditEvents.json
 * (`events.<code>`) and a short name (`names.<code>`); an area's name is `areas.<area>`. A code
 * that is not listed here still shows, as the code itself.
 */
export const AUDIT_ACTION_AREAS = [
  {
    area: "users",
    actions: [
      "user.created",
      "user.updated",
      "user.deactivated",
      "user.reactivated",
      "user.confirmed",
      "user.locked",
      "user.unblocked",
      "user.expired",
      "user.deleted",
      "user.image_changed",
      "user.image_removed",
      "user.email_change_requested",
      "user.email_changed",
      "users.imported",
      "users.import_discarded",
      "users.exported",
      "users.bulk",
    ],
  },
  { area: "invitations", actions: ["user.invited", "invitation.revoked", "invitation.expired", "user.registered"] },
  {
    area: "signIn",
    actions: [
      "auth.sign_in",
      "auth.sign_in_failed",
      "auth.sign_out",
      "session.ended",
      "user.password_reset_sent",
      "user.password_change_required",
      "auth.password_reset_requested",
      "user.password_changed",
    ],
  },
  {
    area: "access",
    actions: ["role.created", "role.updated", "role.deleted", "user.permissions_changed", "user.permissions_copied", "authz_fail"],
  },
  { area: "clients", actions: ["client.created", "client.updated", "client.reassigned", "client.deleted"] },
  { area: "api", actions: ["api_key.created", "api_key.revoked"] },
  { area: "organization", actions: ["branch.created", "branch.renamed", "branch.deleted", "team.created", "team.renamed", "team.deleted"] },
  { area: "system", actions: ["settings.updated", "report.sent", "email.retried", "setup.completed", "demo.seeded", "audit.exported"] },
] as const;

export type AuditArea = (typeof AUDIT_ACTION_AREAS)[number]["area"];
export type AuditAction = (typeof AUDIT_ACTION_AREAS)[number]["actions"][number];

export const AUDIT_ACTIONS: readonly AuditAction[] = AUDIT_ACTION_AREAS.flatMap((a) => a.actions);

const known = new Set<string>(AUDIT_ACTIONS);
export function isKnownAuditAction(code: string): code is AuditAction {
  return known.has(code);
}
