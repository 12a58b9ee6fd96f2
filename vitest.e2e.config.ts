import path from "node:path";
import { defineConfig } from "vitest/config";
import ByName from "./e2e/support/sequencer";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["e2e/**/*.test.ts"],
    globalSetup: ["e2e/support/global-setup.ts"],
    fileParallelism: false, // one server, one database: files run one after another
    testTimeout: 90_000,
    hookTimeout: 180_000,
    pool: "forks",
    sequence: { sequencer: ByName },
  },
});
