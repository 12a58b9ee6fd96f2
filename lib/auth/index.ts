import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { eq, lt, or, isNull, and } from "drizzle-orm";
import { database } from "@/db";
import { users } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { can, makeCtx, type Actor, type Ctx } from "../context";
import { authSecret } from "../env";
import { DomainError } from "../errors";
import { clientAddress } from "../http/client-address";
import type { Permission } from "../permissions/catalog";
import { findSessionUser, permissionsOfUser } from "../users/queries";
import { ADDRESS_LIMIT, addressKey, authenticate, type SignInRefusal } from "./authenticate";
import { rateLimitRetryAfter } from "./rate-limit";
import { revokeSession, sessionRevoked } from "./revocation";
import { baseAuthConfig } from "./config";
import { passwordAge, sessionRefusal } from "./session-rules";
import { getSettings, type Settings } from "../settings/get-settings";
import { deliverSoon } from "../email/kick";

/** Carries the refusal to the sign-in form: Auth.js passes `code` through to the caller. */
export class SignInRefused extends CredentialsSignin {
  readonly userMessage: string;
  readonly retryAfterSeconds?: number;
  constructor(reason: SignInRefusal, message: string, retryAfterSeconds?: number) {
    super(message);
    this.code = reason;
    this.userMessage = message;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  ...baseAuthConfig,
  secret: authSecret(),
  providers: [
    Credentials({
      credentials: { identifier: {}, password: {} },
      async authorize(credentials, request) {
        const ctx = makeCtx(await database(), requestMeta(request.headers));
        const result = await authenticate({ ctx, input: credentials });
        deliverSoon(); // a lock sends an e-mail
        if (!result.ok) throw new SignInRefused(result.reason, result.message, result.retryAfterSeconds);
        return { id: result.user.id, name: result.user.name, username: result.user.username, sessionVersion: result.user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    ...baseAuthConfig.callbacks,
    // Runs on every auth() call: the session stands only while the database agrees.
    async jwt(params) {
      const token = baseAuthConfig.callbacks.jwt(params);
      if (!token || params.user) return token;
      const db = await database();
      const [user, settings, revoked] = await Promise.all([findSessionUser(db, token.uid!), getSettings(db), sessionRevoked(db, token.jti)]);
      if (revoked) return null;
      return sessionRefusal(user, token.sv, new Date(), limitsOf(settings, token.authAt!)) ? null : token;
    },
  },
  events: {
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (!token?.uid) return;
      const db = await database();
      if (token.jti)
        await revokeSession(db, { jti: token.jti, userId: token.uid, expiresAt: new Date((token.exp ?? Date.now() / 1000 + 86_400) * 1000), now: new Date() });
      const ctx = makeCtx(db, requestMeta(await headers()));
      const user = await findSessionUser(db, token.uid);
      if (!user) return;
      const name = `${user.firstName} ${user.lastName}`;
      await recordAudit(db, ctx, "auth.sign_out", {
        actor: { userId: user.id, name, username: user.username, roleKey: user.roleKey, permissions: new Set() },
        target: { type: "user", id: user.id, name },
      });
    },
  },
}));

function limitsOf(settings: Settings, authAt: number) {
  return { authAt, absoluteHours: settings["session.absoluteHours"], idleMinutes: settings["session.idleMinutes"] };
}

export function requestMeta(h: Headers): Pick<Ctx, "ip" | "userAgent"> {
  return { ip: clientAddress(h), userAgent: h.get("user-agent") };
}

const ACTIVITY_RESOLUTION_MS = 60_000;

/**
 * The signed-in user as an actor, re-read from the database on every request (cached per request).
 * Null when anonymous or when the session no longer stands.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  if (!session?.user?.id) return null;
  const db = await database();
  const [user, settings] = await Promise.all([findSessionUser(db, session.user.id), getSettings(db)]);
  const now = new Date();
  if (!user || sessionRefusal(user, session.sessionVersion, now, limitsOf(settings, session.authAt))) return null;
  const age = passwordAge(user, settings["password.maxAgeDays"], now);
  // "Last activity" moves at most once a minute, so a busy user costs one write a minute.
  if (!user.lastActivityAt || now.getTime() - user.lastActivityAt.getTime() > ACTIVITY_RESOLUTION_MS) {
    const stale = new Date(now.getTime() - ACTIVITY_RESOLUTION_MS);
    await db
      .update(users)
      .set({ lastActivityAt: now })
      .where(and(eq(users.id, user.id), or(isNull(users.lastActivityAt), lt(users.lastActivityAt, stale))));
  }
  return {
    userId: user.id,
    name: `${user.firstName} ${user.lastName}`,
    username: user.username,
    roleKey: user.roleKey,
    permissions: await permissionsOfUser(db, user.id, user.roleId, user.roleKey),
    mustChangePassword: age.mustChange,
    passwordExpiresInDays: age.daysLeft !== null && age.daysLeft <= settings["password.expiryWarningDays"] ? age.daysLeft : null,
  };
});

async function contextFor(actor: Actor | null): Promise<Ctx> {
  return makeCtx(await database(), { actor, ...requestMeta(await headers()) });
}

/**
 * For pages and layouts: the context of the signed-in actor. Anonymous visitors go to /login; an
 * actor without `permission` gets the 403 page.
 */
export async function pageContext(permission?: Permission, { passwordChangePage = false } = {}): Promise<Ctx & { actor: Actor }> {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  if (actor.mustChangePassword && !passwordChangePage) redirect("/password/change");
  if (permission && !can(actor, permission)) forbidden();
  return { ...(await contextFor(actor)), actor };
}

/**
 * For server actions and route handlers: the same check, reported as a DomainError so the caller
 * can answer with a message (actions) or problem+json (routes) instead of a redirect.
 */
export async function requestContext(permission?: Permission, { passwordChange = false } = {}): Promise<Ctx & { actor: Actor }> {
  const actor = await currentActor();
  if (!actor) throw new DomainError("unauthenticated", "Your session has ended. Sign in again.");
  if (actor.mustChangePassword && !passwordChange) throw new DomainError("forbidden", "Change your password first.");
  if (permission && !can(actor, permission)) throw new DomainError("forbidden", "You do not have permission to do that.");
  return { ...(await contextFor(actor)), actor };
}

/** For the public pages (/login, /setup): a context with no actor. */
export async function anonymousContext(): Promise<Ctx> {
  return contextFor(null);
}

/** Seconds a client must wait before its next sign-in attempt, or null (for the 429 answer). */
export async function signInRetryAfter(h: Headers): Promise<number | null> {
  const { ip } = requestMeta(h);
  if (!ip) return null;
  return rateLimitRetryAfter(await database(), addressKey(ip), { ...ADDRESS_LIMIT, now: new Date() });
}
