import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", ".data/**", "node_modules/**", "next-env.d.ts", "db/migrations/**"],
  },
  {
    plugins: { drizzle },
    rules: {
      // A delete or update without a where clause empties the table: always say which rows.
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx", "ctx.db"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx", "ctx.db"] }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["app/**", "components/**"],
    rules: {
      // app/ holds routes and components/ the interface; the database is reached through the verbs in lib/.
      // Types (a status, a lock reason) may be shared; values may not.
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/db", "@/db/*", "drizzle-orm", "drizzle-orm/*"], message: "Call a verb in lib/ instead.", allowTypeImports: true }] },
      ],
    },
  },
];

export default config;
