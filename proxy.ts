import { NextResponse, type NextRequest } from "next/server";

// Only sends anonymous visitors to /login: it looks for a session cookie and nothing else. Whether
// the session is valid, and what its holder may do, is checked on the server by every page, action
// and route handler (lib/auth). It never rewrites the cookie, so a request in flight during
// sign-out cannot bring a session back.
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"]; // as lib/auth/session-cookie.ts

export default function proxy(request: NextRequest) {
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name) || request.cookies.has(`${name}.0`));
  if (hasSession) return NextResponse.next();
  const login = new URL("/login", request.url);
  login.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico|icon.svg|login|setup|invite|password/forgot|password/reset|email/confirm).*)"],
};
