/** @type {import('next').NextConfig} */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'" },
];

const nextConfig = {
  // ★ Keeps PGlite's ~15 MB of wasm out of the public static folder, and bcrypt's native binding intact.
  serverExternalPackages: ["@electric-sql/pglite", "bcrypt"],
  poweredByHeader: false,
  experimental: {
    authInterrupts: true,
    // Profile images up to 5 MB travel in a server action's form data.
    serverActions: { bodySizeLimit: "6mb" },
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
