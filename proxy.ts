import NextAuth from "next-auth";
import { baseAuthConfig } from "@/lib/auth/config";
import { authSecret } from "@/lib/env";

// Only sends anonymous visitors to /login. Every page, action and route checks permissions itself.
const { auth } = NextAuth(() => ({ ...baseAuthConfig, secret: authSecret() }));
export default auth;

export const config = {
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico|login|setup|invite|password/forgot|password/reset).*)"],
};
