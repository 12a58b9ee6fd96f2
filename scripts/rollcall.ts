/**
 * The operator's command line: `npm run rollcall -- <command>`.
 * It opens the same database as the app (DATABASE_URL, or PGlite in .data/) and calls the same verbs.
 */
import { parseArgs } from "node:util";
import { openConfigured, type Connection } from "../db/client";
import { makeCtx, type Actor } from "../lib/context";
import { seedDemo, DEMO_PASSWORD } from "../lib/demo/seed-demo";
import { isDomainError } from "../lib/errors";
import { createAdministrator } from "../lib/users/create-administrator";

const USAGE = `Usage: npm run rollcall -- <command> [options]

Commands:
  migrate                                   Apply pending database migrations.
  create-admin --username U --email E --password P [--first-name F] [--last-name L]
                                            Create an active Administrator.
  seed-demo --users N [--seed S]            Insert N realistic fake users (demos, benchmarks).
`;

const OPERATOR: Actor = { userId: null, name: "Command line", username: "cli", roleKey: null, permissions: new Set() };

async function withDatabase<T>(fn: (conn: Connection) => Promise<T>): Promise<T> {
  const conn = await openConfigured();
  try {
    await conn.migrate();
    return await fn(conn);
  } finally {
    await conn.close();
  }
}

function where(): string {
  return process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "the embedded database in .data/";
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "migrate": {
      await withDatabase(async () => {});
      console.log(`Migrations applied to ${where()}.`);
      return 0;
    }
    case "create-admin": {
      const { values } = parseArgs({
        args: rest,
        options: {
          username: { type: "string" },
          email: { type: "string" },
          password: { type: "string" },
          "first-name": { type: "string" },
          "last-name": { type: "string" },
        },
        strict: true,
      });
      const missing = (["username", "email", "password"] as const).filter((k) => !values[k]);
      if (missing.length) {
        console.error(`create-admin needs ${missing.map((m) => `--${m}`).join(", ")}.\n\n${USAGE}`);
        return 2;
      }
      const created = await withDatabase((conn) =>
        createAdministrator({
          ctx: makeCtx(conn.db, { actor: OPERATOR }),
          input: {
            firstName: values["first-name"] ?? values.username!,
            lastName: values["last-name"] ?? "Administrator",
            username: values.username!,
            email: values.email!,
            password: values.password!,
            confirmPassword: values.password!,
          },
        }),
      );
      console.log(`Administrator ${created.username} created in ${where()}. They can sign in now.`);
      return 0;
    }
    case "seed-demo": {
      const { values } = parseArgs({ args: rest, options: { users: { type: "string" }, seed: { type: "string" } }, strict: true });
      if (!values.users) {
        console.error(`seed-demo needs --users N.\n\n${USAGE}`);
        return 2;
      }
      const started = Date.now();
      const result = await withDatabase((conn) =>
        seedDemo({ ctx: makeCtx(conn.db, { actor: OPERATOR }), input: { users: values.users, seed: values.seed } }, (done, total) => {
          if (done % 10_000 === 0 || done === total) process.stdout.write(`  ${done.toLocaleString("en")} / ${total.toLocaleString("en")} users\n`);
        }),
      );
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`Seeded ${result.users.toLocaleString("en")} demo users in ${seconds} s. Their password: "${DEMO_PASSWORD}".`);
      return 0;
    }
    case undefined:
    case "help":
    case "--help":
      console.log(USAGE);
      return command ? 0 : 2;
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

function report(error: unknown): number {
  if (isDomainError(error)) {
    console.error(`Refused: ${error.message}`);
    for (const [field, messages] of Object.entries(error.fieldErrors ?? {})) console.error(`  ${field}: ${messages.join(" ")}`);
    return 1;
  }
  if (error instanceof Error && (error.name === "DatabaseInUseError" || (error as { code?: string }).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION")) {
    console.error(error.message);
    return 1;
  }
  throw error;
}

main(process.argv.slice(2))
  .catch(report)
  .then((code) => process.exit(code));
