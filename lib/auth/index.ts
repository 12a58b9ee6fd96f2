import "server-only";
import NextAuth, { AuthError, CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { forbidden, notFound, redirect } from "next/navigation";
import { cache } from "react";
import { eq, lt, or, isNull, and } from "drizzle-orm";
import { database } from "@/db";
import { users } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { can, makeCtx, selfActor, SYSTEM_ACTOR, type Ctx, type UserActor, type Verb } from "../context";
import { getLocale, getTranslations } from "next-intl/server";
import type { Locale } from "../format";
import { translateMessage } from "../i18n/domain-messages";
import { parseInput } from "../validation";
import { requestFields } from "../log";
import { SignInForm } from "./sign-in-form";
import { isDatabaseUnavailable } from "@/db/availability";
import { DatabaseUnavailablePage } from "../refusal";
import { authSecret } from "../env";
import { DomainError, isDomainError, Unavailable } from "../errors";
import { clientAddress } from "../http/client-address";
import type { Permission } from "../permissions/catalog";
import { findSessionUser, loadSessionUser } from "../users/queries";
import { ADDRESS_LIMIT, addressKey, authenticate, INVALID_CREDENTIALS, type SignInRefusal } from "./authenticate";
import { rateLimitRetryAfter } from "./rate-limit";
import { endSessionRow, touchSession } from "./revocation";
import { baseAuthConfig } from "./config";
import { readSessionToken } from "./session-cookie";
import { passwordAge, sessionRefusal } from "./session-rules";
import { settingsFrom, type Settings } from "../settings/get-settings";
import { deliverSoon } from "../email/kick";
import { BUSY_MESSAGE, Busy, hashGate } from "../passwords/hash-gate";

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
        let result;
        try {
          result = await authenticate({ ctx, input: credentials });
        } catch (error) {
          // The password gate is full (lib/passwords/hash-gate.ts): "come back in a moment", not a failure.
          if (isDomainError(error) && error.code === "unavailable" && error.message === BUSY_MESSAGE)
            throw new SignInRefused("busy", error.message, error.retryAfterSeconds);
          throw error;
        }
        deliverSoon(); // a lock sends an e-mail
        if (!result.ok) throw new SignInRefused(result.reason, result.message, result.retryAfterSeconds);
        return {
          id: result.user.id,
          name: result.user.name,
          username: result.user.username,
          sessionVersion: result.user.sessionVersion,
          sessionId: result.user.sessionId,
        };
      },
    }),
  ],
  callbacks: {
    ...baseAuthConfig.callbacks,
    // Runs on every auth() call: the session stands only while the database agrees. The same
    // per-request read serves currentActor(), so a request loads the user and settings once.
    async jwt(params) {
      const token = baseAuthConfig.callbacks.jwt(params);
      if (!token || params.user) return token;
      let state: SessionState;
      try {
        state = await sessionState(token.uid!, token.sid ?? null);
      } catch (error) {
        // A database in trouble says nothing about the session: keep the cookie, answer 503 later.
        if (isDatabaseUnavailable(error)) return token;
        throw error;
      }
      if (!state.session) return null;
      return sessionRefusal(state.user, token.sv, new Date(), limitsOf(state.settings, token.authAt!)) ? null : token;
    },
  },
  events: {
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (!token?.uid) return;
      const db = await database();
      if (token.sid) await endSessionRow(db, token.sid, "sign_out", new Date());
      const ctx = makeCtx(db, requestMeta(await headers()));
      const user = await findSessionUser(db, token.uid);
      if (!user) return;
      const name = `${user.firstName} ${user.lastName}`;
      await recordAudit(db, ctx, "auth.sign_out", {
        actor: selfActor({ id: user.id, name, username: user.username }),
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

interface SessionState {
  user: NonNullable<Awaited<ReturnType<typeof loadSessionUser>>>["user"] | null;
  settings: Settings;
  /** The session's row, while it stands. */
  session: { lastSeenAt: Date } | null;
  permissions: Set<Permission>;
}

/** What decides whether a session stands, and what its user may do: read once per request (React cache), in one query. */
const sessionState = cache(async (userId: string, sid: string | null): Promise<SessionState> => {
  const loaded = await loadSessionUser(await database(), userId, sid);
  // A user who no longer exists has no session; the settings are then never consulted.
  return {
    user: loaded?.user ?? null,
    session: loaded?.session ?? null,
    permissions: loaded?.permissions ?? new Set(),
    settings: loaded?.settings ?? settingsFrom({}),
  };
});

/**
 * The signed-in user as an actor, checked against the database on every request (once per request).
 * Null when anonymous or when the session no longer stands. Throws when the database can't be reached.
 */
export const currentActor = cache(async (): Promise<UserActor | null> => {
  // The cookie, decrypted (and remembered per cookie: lib/auth/session-cookie.ts); what it claims is
  // then checked against the database, here, on every request.
  const token = await readSessionToken((await headers()).get("cookie"), authSecret());
  if (!token?.uid || !token.authAt || !token.sid) return null; // as baseAuthConfig's jwt callback
  const { user, settings, session: row, permissions } = await sessionState(token.uid, token.sid);
  const now = new Date();
  if (!user || !row || sessionRefusal(user, token.sv ?? -1, now, limitsOf(settings, token.authAt))) return null;
  const db = await database();
  await touchSession(db, token.sid, row.lastSeenAt, now);
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
    kind: "user",
    userId: user.id,
    name: `${user.firstName} ${user.lastName}`,
    username: user.username,
    roleKey: user.roleKey,
    language: user.language,
    permissions: user.adminConsoleAccess ? permissions : new Set(),
    consoleAccess: user.adminConsoleAccess,
    mustChangePassword: age.mustChange,
    passwordExpiresInDays: age.daysLeft !== null && age.daysLeft <= settings["password.expiryWarningDays"] ? age.daysLeft : null,
    sessionId: token.sid,
  };
});

async function contextFor(actor: UserActor | null): Promise<Ctx> {
  return makeCtx(await database(), { actor, ...requestMeta(await headers()) });
}

/** currentActor() for pages: a database that can't be reached becomes the 503 page, not a 500. */
export async function pageActor(): Promise<UserActor | null> {
  try {
    return await currentActor();
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw new DatabaseUnavailablePage();
    throw error;
  }
}

/**
 * For pages and layouts: the context of the signed-in actor. Anonymous visitors go to /login; a user
 * without console access goes to their account (/account) from every console page; an actor without
 * `permission` gets the 403 page. `accountPage` marks the pages every signed-in user may open.
 */
export async function pageContext(
  permission?: Permission,
  { passwordChangePage = false, accountPage = false }: { passwordChangePage?: boolean; accountPage?: boolean } = {},
): Promise<Ctx & { actor: UserActor }> {
  const actor = await pageActor();
  // A session cookie that no longer stands (revoked, expired, idle, the account deactivated): the
  // sign-in page says the session ended, where a plain /login left the user wondering.
  if (!actor) redirect((await readSessionToken((await headers()).get("cookie"), authSecret()))?.uid ? "/login?ended=1" : "/login");
  if (actor.mustChangePassword && !passwordChangePage) redirect("/password/change");
  // Sent to their account with a word why, not silently (the home page sends them there with none).
  if (!actor.consoleAccess && !accountPage && !passwordChangePage) redirect("/account?console=0");
  if (permission && !can(actor, permission)) forbidden();
  return { ...(await contextFor(actor)), actor };
}

/**
 * For route handlers: the same check, reported as a DomainError so the caller can answer with
 * problem+json instead of a redirect.
 */
export async function requestContext(permission?: Permission): Promise<Ctx & { actor: UserActor }> {
  const ctx = await actionContext();
  if (permission && !can(ctx.actor, permission)) throw new DomainError("forbidden", "You do not have permission to do that.");
  return ctx as Ctx & { actor: UserActor };
}

/**
 * For server actions (through app/action.ts): who is acting, and nothing else — the verb checks the
 * permission. `anonymous` forms (sign-in, registration, reset) run with no actor; `passwordChange`
 * lets a user whose password has expired reach the one action they may use.
 */
export async function actionContext({ anonymous = false, passwordChange = false } = {}): Promise<Ctx> {
  if (anonymous) return contextFor(null);
  const actor = await currentActor();
  if (!actor) throw new DomainError("unauthenticated", "Your session has ended. Sign in again.");
  if (actor.mustChangePassword && !passwordChange) throw new DomainError("forbidden", "Change your password first.");
  return contextFor(actor);
}

/**
 * Runs a page's read: an unknown or malformed id is the 404 page, a database that can't be reached
 * the 503 page, and nothing else is swallowed.
 */
export async function pageRead<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (isDomainError(error) && (error.code === "not_found" || error.code === "validation")) notFound();
    if (isDatabaseUnavailable(error)) throw new DatabaseUnavailablePage();
    throw error;
  }
}

/**
 * A list page's read from its search parameters: a parameter the verb refuses (a search with control
 * characters, one too long) is dropped and named, so the page shows the list with a message instead
 * of failing; `fieldErrors` says each refused parameter's reason, for a page that shows it beside its
 * field. Everything else is as pageRead.
 */
export async function pageList<P extends Record<string, unknown>, T>(
  params: P,
  read: (params: P) => Promise<T>,
): Promise<{ result: T; refused: string | null; fieldErrors: Record<string, string> }> {
  try {
    return { result: await read(params), refused: null, fieldErrors: {} };
  } catch (error) {
    if (!isDomainError(error) || error.code !== "validation") return { result: await pageRead(Promise.reject(error)), refused: null, fieldErrors: {} };
    const fields = Object.keys(error.fieldErrors ?? {});
    const kept = Object.fromEntries(Object.entries(params).filter(([key]) => !fields.includes(key))) as P;
    const locale = (await getLocale()) as Locale;
    // Every refused parameter's reason, once each: an unknown person and an over-long search said only the first.
    const reasons = [...new Set(Object.values(error.fieldErrors ?? {}).flat())].map((message) => translateMessage(message, locale));
    const reason = reasons.length ? reasons.join(" ") : translateMessage(error.message, locale);
    const t = await getTranslations("Lists");
    // Each refused parameter's own message too, for a page that shows it beside its field.
    const fieldErrors = Object.fromEntries(Object.entries(error.fieldErrors ?? {}).map(([key, messages]) => [key, translateMessage(messages[0], locale)]));
    return { result: await pageRead(read(kept)), refused: t("notApplied", { reason }), fieldErrors };
  }
}

/** Request id, route and actor for a log line about this request (never throws). */
export async function requestLogFields(): Promise<Record<string, unknown>> {
  try {
    const actor = await currentActor().catch(() => null);
    return requestFields(await headers(), actor);
  } catch {
    return {};
  }
}

/** For the scheduler's route: the system actor, with the request's address for the audit trail. */
export async function cronContext(): Promise<Ctx> {
  return makeCtx(await database(), { actor: SYSTEM_ACTOR, ...requestMeta(await headers()) });
}

/** For the public pages (/login, /setup): a context with no actor. */
export async function anonymousContext(): Promise<Ctx> {
  return contextFor(null);
}

/**
 * Signs in through Auth.js (which sets the cookie) with a username-or-e-mail and password. Anyone may
 * call it; every refusal comes back as a DomainError with the words the form shows.
 */
export async function signInWithPassword({ input }: Verb<{ identifier: unknown; password: unknown }>): Promise<void> {
  const { identifier, password } = parseInput(SignInForm, input);
  assertPasswordGateOpen();
  try {
    await signIn("credentials", { identifier, password, redirect: false });
  } catch (error) {
    if (error instanceof SignInRefused)
      throw new DomainError(error.code === "rate_limited" ? "rate_limited" : error.code === "busy" ? "unavailable" : "unauthenticated", error.userMessage, {
        retryAfterSeconds: error.retryAfterSeconds,
      });
    if (isDatabaseUnavailable(error)) throw Unavailable();
    if (error instanceof AuthError) throw new DomainError("unauthenticated", INVALID_CREDENTIALS);
    throw error;
  }
}

/** Refuses a sign-in at once (503 + Retry-After) while the password gate is full: no queueing behind it. */
export function assertPasswordGateOpen(): void {
  if (hashGate.saturated()) throw Busy();
}

/** Seconds a client must wait before its next sign-in attempt, or null (for the 429 answer). */
export async function signInRetryAfter(h: Headers): Promise<number | null> {
  const { ip } = requestMeta(h);
  if (!ip) return null;
  return rateLimitRetryAfter(await database(), addressKey(ip), { ...ADDRESS_LIMIT, now: new Date() });
}
