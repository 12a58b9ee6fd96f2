import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { alias, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { Handle } from "@/db/client";
import { preparedPerDatabase } from "@/db/prepared";
import { apiKeys, rolePermissions, roles, userPermissions, users } from "@/db/schema";
import { accountExpired } from "../auth/session-rules";
import type { ApiKeyActor } from "../context";
import { DomainError, Forbidden } from "../errors";
import type { Permission } from "../permissions/catalog";
import { effectivePermissions } from "../permissions/effective";
import { bearerKey, hashApiKey } from "./keys";

const LAST_USED_RESOLUTION_MS = 60_000;

interface KeyRow extends Record<string, unknown> {
  id: string;
  name: string;
  createdById: string | null;
  expiresAt: Date | string | null;
  revokedAt: Date | string | null;
  lastUsedAt: Date | string | null;
  roleKey: string | null;
  rolePermissions: string[];
  creatorId: string | null;
  creatorStatus: string | null;
  creatorLockedAt: Date | string | null;
  creatorConsoleAccess: boolean | null;
  creatorExpiresOn: string | null;
  creatorRoleKey: string | null;
  creatorRolePermissions: string[];
  creatorOverrides: { permission: string; effect: "grant" | "deny" }[];
}

const creators = alias(users, "creator");
const creatorRoles = alias(roles, "creator_role");

/**
 * The key by its hash, with everything its check reads. A prepared statement, as the session check's
 * (lib/users/queries.ts): it runs on every API request, and PostgreSQL planned its joins and
 * subqueries each time (bind 0.56 ms, docs/performance.md, session 16).
 */
const keyStatement = preparedPerDatabase((db) => {
  const permissionsOf = (roleId: AnyPgColumn) =>
    sql<string[]>`coalesce((select json_agg(${rolePermissions.permission}) from ${rolePermissions} where ${rolePermissions.roleId} = ${roleId}), '[]'::json)`;
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      createdById: apiKeys.createdById,
      expiresAt: apiKeys.expiresAt,
      revokedAt: apiKeys.revokedAt,
      lastUsedAt: apiKeys.lastUsedAt,
      roleKey: roles.key,
      rolePermissions: permissionsOf(apiKeys.roleId),
      creatorId: creators.id,
      creatorStatus: creators.status,
      creatorLockedAt: creators.lockedAt,
      creatorConsoleAccess: creators.adminConsoleAccess,
      creatorExpiresOn: creators.accountExpiresOn,
      creatorRoleKey: creatorRoles.key,
      creatorRolePermissions: permissionsOf(creators.roleId),
      creatorOverrides: sql<
        KeyRow["creatorOverrides"]
      >`coalesce((select json_agg(json_build_object('permission', ${userPermissions.permission}, 'effect', ${userPermissions.effect})) from ${userPermissions} where ${userPermissions.userId} = ${creators.id}), '[]'::json)`,
    })
    .from(apiKeys)
    .innerJoin(roles, eq(roles.id, apiKeys.roleId))
    .leftJoin(creators, eq(creators.id, apiKeys.createdById))
    .leftJoin(creatorRoles, eq(creatorRoles.id, creators.roleId))
    .where(eq(apiKeys.keyHash, sql.placeholder("hash")))
    .prepare("rollcall_api_key");
});

const Unauthenticated = (message: string) => new DomainError("unauthenticated", message);

/**
 * The actor behind an `Authorization: Bearer rk_…` header, checked on every request: the key exists,
 * is not revoked or expired, its creator (when a person made it) is still active, and it acts with
 * its role's permissions cut down to what its creator holds now. It needs api.access. The key's
 * last use (time and address) is written at most once a minute.
 */
export async function authenticateApiKey(db: Handle, authorization: string | null, { ip, now }: { ip: string | null; now: Date }): Promise<ApiKeyActor> {
  if (!authorization) throw Unauthenticated('Send an API key in the Authorization header, as "Bearer rk_…".');
  const key = bearerKey(authorization);
  if (!key) throw Unauthenticated("The API key is not valid.");
  // One round trip: the key, its role's permissions, its creator and what the creator holds now.
  const rows: KeyRow[] = await keyStatement(db).execute({ hash: hashApiKey(key) });
  const row = rows[0];
  if (!row) throw Unauthenticated("The API key is not valid.");
  const at = (value: Date | string | null) => (value === null ? null : new Date(value));
  if (row.revokedAt) throw Unauthenticated("This API key has been revoked.");
  const expiresAt = at(row.expiresAt);
  if (expiresAt && expiresAt <= now) throw Unauthenticated("This API key has expired.");

  let permissions: Set<Permission> = effectivePermissions({ roleKey: row.roleKey, rolePermissions: row.rolePermissions, overrides: [] });
  if (!permissions.has("api.access")) throw Forbidden("This API key's role does not include API access.");
  if (row.createdById) {
    if (!row.creatorId || row.creatorStatus !== "active" || row.creatorLockedAt || accountExpired(row.creatorExpiresOn, now))
      throw Forbidden("The person who created this API key is no longer active: ask an administrator for a new key.");
    // Without the admin console a person holds nothing in a session (lib/auth), and so nothing through a key.
    const held: Set<Permission> = row.creatorConsoleAccess
      ? effectivePermissions({ roleKey: row.creatorRoleKey, rolePermissions: row.creatorRolePermissions, overrides: row.creatorOverrides })
      : new Set();
    // The key never acts above its creator: when they lose API access, so does the key (and it says whose loss it is).
    if (!held.has("api.access")) throw Forbidden("The person who created this API key no longer has API access: ask an administrator for a new key.");
    permissions = new Set([...permissions].filter((p) => held.has(p)));
  }

  const lastUsedAt = at(row.lastUsedAt);
  if (!lastUsedAt || now.getTime() - lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    await db
      .update(apiKeys)
      .set({ lastUsedAt: now, lastUsedIp: ip })
      .where(and(eq(apiKeys.id, row.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, stale))));
  }
  return { kind: "apiKey", keyId: row.id, createdById: row.createdById, name: row.name, permissions };
}
