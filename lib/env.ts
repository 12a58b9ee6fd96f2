import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const Env = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters (openssl rand -base64 32).").optional(),
  // Unset, links point at this machine on the port the server listens on (PORT, as server.mjs reads it).
  APP_URL: z
    .string()
    .url()
    .default(`http://localhost:${/^\d{1,5}$/.test(process.env.PORT ?? "") ? process.env.PORT : "3000"}`),
  RESEND_API_KEY: z.string().optional(),
  RESEND_BASE_URL: z.string().url().optional(),
  EMAIL_FROM: z.string().default("Rollcall <rollcall@localhost>"),
  CRON_SECRET: z.string().optional(),
  /** How many reverse proxies in front of the app append to X-Forwarded-For (0 = none); applied by server.mjs. */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  ROLLCALL_DATA_DIR: z.string().default(".data"),
});

export type AppEnv = z.infer<typeof Env>;

let cached: AppEnv | undefined;

/** The validated environment. A bad value stops start-up with the variable's name and the reason. */
export function env(): AppEnv {
  if (cached) return cached;
  const parsed = Env.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/**
 * The secret that signs session cookies. In production it must come from the environment; in
 * development it is generated once into the data folder so a newcomer needs no env file.
 */
export function authSecret(): string {
  const e = env();
  if (e.AUTH_SECRET) return e.AUTH_SECRET;
  if (e.NODE_ENV === "production") {
    throw new Error(
      "AUTH_SECRET is not set. Rollcall refuses to start in production without it: " +
        "generate one with `openssl rand -base64 32` and set it in the environment.",
    );
  }
  const file = path.resolve(e.ROLLCALL_DATA_DIR, "auth-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error; // another process won the race
    }
    return readFileSync(file, "utf8").trim();
  }
}
