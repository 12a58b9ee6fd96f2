import type { NextAuthConfig } from "next-auth";

export const ABSOLUTE_SESSION_SECONDS = 12 * 60 * 60;
export const IDLE_SESSION_SECONDS = 30 * 60;

declare module "next-auth" {
  interface Session {
    sessionVersion: number;
  }
  interface User {
    sessionVersion?: number;
    username?: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
    authAt?: number; // seconds
    seenAt?: number; // seconds
  }
}

/**
 * The part of the Auth.js configuration that needs no database: used by `proxy.ts`, which only
 * sends anonymous visitors to /login, and extended by `lib/auth/index.ts`. Timeouts are enforced
 * here because the proxy runs on every navigation and can refresh the cookie; server components can't.
 */
export const baseAuthConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: ABSOLUTE_SESSION_SECONDS },
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
        return console.warn(`[auth] rejected a session cookie: ${reason}`);
      }
      console.error(error);
    },
  },
  callbacks: {
    authorized: ({ auth }) => !!auth?.user,
    jwt({ token, user }) {
      const now = Math.floor(Date.now() / 1000);
      if (user) {
        token.uid = user.id;
        token.sv = user.sessionVersion;
        token.authAt = now;
        token.seenAt = now;
        return token;
      }
      if (!token.uid || !token.authAt) return null;
      if (now - token.authAt > ABSOLUTE_SESSION_SECONDS) return null;
      if (now - (token.seenAt ?? token.authAt) > IDLE_SESSION_SECONDS) return null;
      if (now - (token.seenAt ?? 0) > 60) token.seenAt = now;
      return token;
    },
    session({ session, token }) {
      session.user.id = token.uid ?? "";
      session.sessionVersion = token.sv ?? -1;
      return session;
    },
  },
} satisfies NextAuthConfig;
