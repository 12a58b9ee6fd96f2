import type { Database, Transaction } from "@/db/client";
import type { Permission } from "./permissions/catalog";
import { Forbidden } from "./errors";

/** Who is acting: resolved from the session, an API key or the command line. */
export interface Actor {
  userId: string | null; // null for the operator's command line
  name: string;
  username: string;
  roleKey: string | null;
  permissions: ReadonlySet<Permission>;
  /** The password has expired (or an administrator asked): nothing but /password/change until it is changed. */
  mustChangePassword?: boolean;
  /** Days before the password expires, when within the warning window. */
  passwordExpiresInDays?: number | null;
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

export function withTransaction<T>(ctx: Ctx, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  return ctx.db.transaction(fn);
}

export function can(actor: Actor | null, permission: Permission): boolean {
  return !!actor && actor.permissions.has(permission);
}

/** The first line of every verb that needs a permission. Deny by default. */
export function assertCan(actor: Actor | null, permission: Permission): asserts actor is Actor {
  if (!can(actor, permission)) throw Forbidden();
}
