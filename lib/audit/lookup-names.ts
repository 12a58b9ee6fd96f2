import { desc, eq, inArray, or } from "drizzle-orm";
import type { Handle } from "@/db/client";
import { auditEvents, branches, roles, teams, users } from "@/db/schema";
import type { AuditRow } from "./filters";

/** The names of the roles, branches and teams an event's changes point at, by id; a missing id was deleted. */
export interface UnitNames {
  roleId: Map<string, string>;
  branchId: Map<string, string>;
  teamId: Map<string, string>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function changesOf(detail: unknown): Record<string, unknown> {
  const changes = (detail as { changes?: unknown } | null)?.changes;
  return changes && typeof changes === "object" && !Array.isArray(changes) ? (changes as Record<string, unknown>) : {};
}

/** Reads, in one query per kind, the current names of every role, branch and team id that the rows' changes mention. */
export async function lookupUnitNames(db: Handle, rows: readonly Pick<AuditRow, "detail">[]): Promise<UnitNames> {
  const wanted = { roleId: new Set<string>(), branchId: new Set<string>(), teamId: new Set<string>() };
  for (const row of rows) {
    const changes = changesOf(row.detail);
    for (const field of Object.keys(wanted) as (keyof UnitNames)[]) {
      const pair = changes[field];
      if (!Array.isArray(pair)) continue;
      for (const value of pair) if (typeof value === "string" && UUID.test(value)) wanted[field].add(value);
    }
  }
  const toMap = (found: { id: string; name: string }[]) => new Map(found.map((r) => [r.id, r.name]));
  const none = Promise.resolve(new Map<string, string>());
  const [roleId, branchId, teamId] = await Promise.all([
    wanted.roleId.size
      ? db
          .select({ id: roles.id, name: roles.name })
          .from(roles)
          .where(inArray(roles.id, [...wanted.roleId]))
          .then(toMap)
      : none,
    wanted.branchId.size
      ? db
          .select({ id: branches.id, name: branches.name })
          .from(branches)
          .where(inArray(branches.id, [...wanted.branchId]))
          .then(toMap)
      : none,
    wanted.teamId.size
      ? db
          .select({ id: teams.id, name: teams.name })
          .from(teams)
          .where(inArray(teams.id, [...wanted.teamId]))
          .then(toMap)
      : none,
  ]);
  return { roleId, branchId, teamId };
}

/**
 * How to name a user the filters point at: their current name, or for a deleted user the name the
 * trail kept (the newest event that named them), or null when the id is unknown everywhere.
 */
export async function nameOfPerson(db: Handle, id: string): Promise<string | null> {
  const [user] = await db.select({ firstName: users.firstName, lastName: users.lastName, username: users.username }).from(users).where(eq(users.id, id));
  if (user) return `${user.firstName} ${user.lastName} (${user.username})`;
  const [event] = await db
    .select({ actorId: auditEvents.actorId, actorName: auditEvents.actorName, targetName: auditEvents.targetName, actorKind: auditEvents.actorKind })
    .from(auditEvents)
    .where(or(eq(auditEvents.targetId, id), eq(auditEvents.actorId, id)))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(1);
  if (!event) return null;
  return event.actorId === id && event.actorKind !== "apiKey" ? event.actorName : event.targetName;
}
