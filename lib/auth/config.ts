import { isDatabaseUnavailable } from "@/db/availability";
import { logger } from "../log";
import type { NextAuthConfig } from "next-auth";

/** The cookie's own lifetime: an upper bound. The real limits are settings, checked in lib/auth. */
export const COOKIE_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

declare module "next-auth" {
  interface Session {
    sessionVersion: number;
    authAt: number;
    /** The session's row (see lib/auth/revocation.ts), set once at sign-in. */
    sid?: string;
  }
  interface User {
    sessionVersion?: number;
    username?: string;
    sessionId?: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
    authAt?: number; // seconds
    sid?: string;
  }
}

/**
 * The part of the Auth.js configuration that needs no database. `lib/auth/index.ts` extends it with
 * the Credentials provider and the check of every session against the database (status, version,
 * revocation, absolute lifetime, idle time) on every request.
 */
export const baseAuthConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: COOKIE_MAX_AGE_SECONDS },
  trustHost: true,
  providers: [],
  logger: {
    // A wrong password is an expected outcome, not an error worth a stack trace in the log.
    error(error) {
      const type = (error as { type?: string }).type ?? error.name;
      if (type === "CredentialsSignin") return;
      // A forged, expired or foreign cookie: the visitor is simply signed out. One line, no stack.
      if (type === "JWTSessionError") {
        const reason = (error.cause as { err?: Error } | undefined)?.err?.message ?? "unreadable";
        return logger().warn({ event: "auth.cookie_rejected", reason }, "rejected a session cookie");
      }
      // Auth.js wraps what authorize() threw; a database that can't be reached is logged once, elsewhere.
      if (isDatabaseUnavailable(error)) return;
      logger().error({ event: "auth.error", type, err: error }, "Auth.js error");
    },
  },
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = user.sessionVersion;
        token.authAt = Math.floor(Date.now() / 1000);
        token.sid = user.sessionId;
        return token;
      }
      return token.uid && token.authAt && token.sid ? token : null;
    },
    session({ session, token }) {
      session.user.id = token.uid ?? "";
      session.sessionVersion = token.sv ?? -1;
      session.authAt = token.authAt ?? 0;
      session.sid = token.sid;
      return session;
    },
  },
} satisfies NextAuthConfig;
