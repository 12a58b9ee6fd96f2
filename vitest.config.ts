import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Domain modules are server-only in the app; tests are the server.
      "server-only": path.resolve(import.meta.dirname, "tests/support/empty.ts"),
    },
  },
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    globalSetup: ["tests/support/global-setup.ts"],
    environment: "node",
    // Tests never read .data/: the secret that seals outbox props comes from here.
    env: { AUTH_SECRET: "test-secret-test-secret-test-secret-0123456789", APP_URL: "http://rollcall.test" },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
