import createNextIntlPlugin from "next-intl/plugin";

const isDev = process.env.NODE_ENV !== "production";

// Next.js inlines its bootstrap scripts, so scripts need 'unsafe-inline' until nonces are wired
// through the proxy; everything else is locked to this origin and framing is refused outright.
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  `connect-src 'self'${isDev ? " ws: wss:" : ""}`,
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");

/** @type {import('next').NextConfig} */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  ...(isDev ? [] : [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }]),
];

const nextConfig = {
  // ★ Keeps PGlite's ~15 MB of wasm out of the public static folder, and bcrypt's native binding intact.
  serverExternalPackages: ["@electric-sql/pglite", "bcrypt"],
  poweredByHeader: false,
  devIndicators: false,
  // The dev server's log of server-function calls prints their arguments: a password typed into
  // the strength hint or a sign-in form would reach the terminal. No password reaches a log.
  logging: { serverFunctions: false },
  // The dev server answers on localhost; let 127.0.0.1 load its scripts too.
  allowedDevOrigins: ["127.0.0.1"],
  experimental: {
    authInterrupts: true,
    // A dev server that started on the persistent Turbopack cache an earlier dev process left in
    // .next/dev reloaded its page in a loop (~3 loads a second, no compile in the log) until
    // .next/dev was deleted; each dev start now compiles from scratch (e2e 06 and 09).
    turbopackFileSystemCacheForDev: false,
    // Profile images up to 5 MB travel in a server action's form data.
    serverActions: { bodySizeLimit: "6mb" },
  },
  async headers() {
    const noReferrer = [{ key: "Referrer-Policy", value: "no-referrer" }];
    return [
      { source: "/:path*", headers: securityHeaders },
      // Pages whose URL carries a token never leak it through the Referer header.
      { source: "/invite/:token*", headers: noReferrer },
      { source: "/password/reset/:token*", headers: noReferrer },
      { source: "/email/confirm/:token*", headers: noReferrer },
    ];
  },
};

export default createNextIntlPlugin("./i18n/request.ts")(nextConfig);
