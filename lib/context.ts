import type { Database } from "@/db/client";
import { ALL_PERMISSIONS, type Permission } from "./permissions/catalog";
import { Forbidden } from "./errors";

/**
 * Who is acting. Every verb, audit event and refusal knows which kind: a signed-in user, an API key
 * (acting with its role's permissions, never above its creator's), the operator's command line, or
 * the system itself (cron, sweeps).
 */
export type Actor = UserActor | ApiKeyActor | CliActor | SystemActor;

export interface UserActor {
  kind: "user";
  userId: string;
  name: string;
  username: string;
  roleKey: string | null;
  permissions: ReadonlySet<Permission>;
  /** The interface and e-mail language the user chose. */
  language?: "en" | "es";
  /** The password has expired (or an administrator asked): nothing but /password/change until it is changed. */
  mustChangePassword?: boolean;
  /** Days before the password expires, when within the warning window. */
  passwordExpiresInDays?: number | null;
  /** The session this request belongs to (its row in `sessions`). */
  sessionId?: string;
  /**
   * May open the admin console. Without it the user reaches only their own account (/account), and
   * `permissions` is empty, so every console verb refuses them as well.
   */
  consoleAccess?: boolean;
}

export interface ApiKeyActor {
  kind: "apiKey";
  keyId: string;
  /** The person who made the key; null for a key made on the command line. */
  createdById: string | null;
  name: string;
  permissions: ReadonlySet<Permission>;
}

export interface CliActor {
  kind: "cli";
  name: "command line";
  permissions: ReadonlySet<Permission>;
}

export interface SystemActor {
  kind: "system";
  name: "system";
  permissions: ReadonlySet<Permission>;
}

/** The system itself: cron and sweeps. Every permission, and named "System" in the trail. */
export const SYSTEM_ACTOR: SystemActor = { kind: "system", name: "system", permissions: new Set(ALL_PERMISSIONS) };

/** A person acting on their own account without any administrative permission (sign-in, registration). */
export function selfActor(user: { id: string; name: string; username: string }): UserActor {
  return { kind: "user", userId: user.id, name: user.name, username: user.username, roleKey: null, permissions: new Set() };
}

/** The user behind an action, when a person is acting directly; null for keys, the CLI and the system. */
export function actingUserId(actor: Actor | null | undefined): string | null {
  return actor?.kind === "user" ? actor.userId : null;
}

/**
 * Whose account is "your own" for the rules about it (nobody deactivates or deletes themselves, nor
 * changes their own role, status, console access or expiration date against them): the person
 * acting, or the person whose API key is acting. A key is its creator's delegate: through it they
 * could otherwise deactivate themselves, which ends every key they made.
 */
export function ownAccountOf(actor: Actor | null | undefined): string | null {
  if (actor?.kind === "user") return actor.userId;
  if (actor?.kind === "apiKey") return actor.createdById;
  return null;
}

/** How the actor is named in the audit trail. */
export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case "user":
      return `${actor.name} (${actor.username})`;
    case "apiKey":
      return `API key “${actor.name}”`;
    case "cli":
      return "Command line";
    case "system":
      return "System";
  }
}

/** Everything a verb needs from the outside world, so that tests can supply each part. */
export interface Ctx {
  db: Database;
  actor: Actor | null;
  ip: string | null;
  userAgent: string | null;
  now: () => Date;
}

export interface Verb<I> {
  ctx: Ctx;
  input: I;
}

export function makeCtx(db: Database, parts: Partial<Omit<Ctx, "db">> = {}): Ctx {
  return { db, actor: null, ip: null, userAgent: null, now: () => new Date(), ...parts };
}

export function can(actor: Actor | null, permission: Permission): boolean {
  return !!actor && actor.permissions.has(permission);
}

/** The first line of every verb that needs a permission. Deny by default. */
export function assertCan(actor: Actor | null, permission: Permission): asserts actor is Actor {
  if (!can(actor, permission)) throw Forbidden();
}
