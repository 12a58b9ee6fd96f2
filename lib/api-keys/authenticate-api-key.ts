import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Handle } from "@/db/client";
import { apiKeys, roles, users } from "@/db/schema";
import { accountExpired } from "../auth/session-rules";
import type { ApiKeyActor } from "../context";
import { DomainError, Forbidden } from "../errors";
import type { Permission } from "../permissions/catalog";
import { rolePermissionSet } from "../permissions/guards";
import { permissionsOfUser } from "../users/queries";
import { bearerKey, hashApiKey } from "./keys";

const LAST_USED_RESOLUTION_MS = 60_000;

const Unauthenticated = (message: string) => new DomainError("unauthenticated", message);

/**
 * The actor behind an `Authorization: Bearer rk_…` header, checked on every request: the key exists,
 * is not revoked or expired, its creator (when a person made it) is still active, and it acts with
 * its role's permissions cut down to what its creator holds now. It needs api.access. The key's
 * last use (time and address) is written at most once a minute.
 */
export async function authenticateApiKey(db: Handle, authorization: string | null, { ip, now }: { ip: string | null; now: Date }): Promise<ApiKeyActor> {
  if (!authorization) throw Unauthenticated("Send an API key as Authorization: Bearer rk_….");
  const key = bearerKey(authorization);
  if (!key) throw Unauthenticated("The API key is not valid.");
  const [row] = await db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      roleId: apiKeys.roleId,
      createdById: apiKeys.createdById,
      expiresAt: apiKeys.expiresAt,
      revokedAt: apiKeys.revokedAt,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.keyHash, hashApiKey(key)));
  if (!row) throw Unauthenticated("The API key is not valid.");
  if (row.revokedAt) throw Unauthenticated("This API key has been revoked.");
  if (row.expiresAt && row.expiresAt <= now) throw Unauthenticated("This API key has expired.");

  const role = await rolePermissionSet(db, row.roleId);
  let permissions: Set<Permission> = role.permissions;
  if (row.createdById) {
    const [creator] = await db
      .select({ status: users.status, lockedAt: users.lockedAt, accountExpiresOn: users.accountExpiresOn, roleId: users.roleId, roleKey: roles.key })
      .from(users)
      .innerJoin(roles, eq(roles.id, users.roleId))
      .where(eq(users.id, row.createdById));
    if (!creator || creator.status !== "active" || creator.lockedAt || accountExpired(creator.accountExpiresOn, now))
      throw Forbidden("The person who created this API key is no longer active: ask an administrator for a new key.");
    const held = await permissionsOfUser(db, row.createdById, creator.roleId, creator.roleKey);
    permissions = new Set([...permissions].filter((p) => held.has(p)));
  }
  if (!permissions.has("api.access")) throw Forbidden("This API key's role does not include API access.");

  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    const stale = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    await db
      .update(apiKeys)
      .set({ lastUsedAt: now, lastUsedIp: ip })
      .where(and(eq(apiKeys.id, row.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, stale))));
  }
  return { kind: "apiKey", keyId: row.id, createdById: row.createdById, name: row.name, permissions };
}
