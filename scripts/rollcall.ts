/**
 * The operator's command line: `npm run rollcall -- <command>`.
 * It opens the same database as the app (DATABASE_URL, or PGlite in .data/) and calls the same verbs.
 */
import { parseArgs } from "node:util";
import { openConfigured, type Connection } from "../db/client";
import { makeCtx, type Actor } from "../lib/context";
import { seedDemo, DEMO_PASSWORD } from "../lib/demo/seed-demo";
import { anyAdministratorExists } from "../lib/users/queries";
import { isDomainError, NotFound } from "../lib/errors";
import { runEndOfDay } from "../lib/reports/run-end-of-day";
import { unblockUser } from "../lib/security/unblock-user";
import { setPasswordFromCli } from "../lib/security/set-password-from-cli";
import { userIdByIdentifier } from "../lib/users/queries";
import { ALL_PERMISSIONS } from "../lib/permissions/catalog";
import { createAdministrator } from "../lib/users/create-administrator";
import { createApiKey } from "../lib/api-keys/create-api-key";
import { roleIdByName } from "../lib/roles/list-roles";

const USAGE = `Usage: npm run rollcall -- <command> [options]

Commands:
  migrate                                   Apply pending database migrations.
  create-admin --username U --email E --password P [--first-name F] [--last-name L]
                                            Create an active Administrator.
  seed-demo --users N [--seed S]            Insert N realistic fake users (demos, benchmarks).
  end-of-day [--date YYYY-MM-DD]            Run the end-of-day job (sweeps, report, e-mails) for the
                                            day that just ended, or a past day; once per date.
  unblock --user U [--send-reset]           Unblock a locked user (username or e-mail); optionally
                                            e-mail them a password-reset link.
  reset-password --user U --password P [--must-change]
                                            Set a user's password (the way back in for a locked-out
                                            operator); their sessions end and they get a notice.
  create-api-key --name N --role R [--expires YYYY-MM-DD]
                                            Create an API key with a role (its name or key, e.g.
                                            "API Basic"); prints the key once.
`;

/** Whoever can run this command already holds the database: the command line acts with every permission. */
const OPERATOR: Actor = { kind: "cli", name: "command line", permissions: new Set(ALL_PERMISSIONS) };

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
  return process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `the embedded database in ${process.env.ROLLCALL_DATA_DIR || ".data"}/`;
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
      const result = await withDatabase(async (conn) => {
        const seeded = await seedDemo({ ctx: makeCtx(conn.db, { actor: OPERATOR }), input: { users: values.users, seed: values.seed } }, (done, total) => {
          if (done % 10_000 === 0 || done === total) process.stdout.write(`  ${done.toLocaleString("en")} / ${total.toLocaleString("en")} users\n`);
        });
        return { ...seeded, administrator: await anyAdministratorExists(conn.db) };
      });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`Seeded ${result.users.toLocaleString("en")} demo users in ${seconds} s. Their password: "${DEMO_PASSWORD}".`);
      // /setup is for an empty installation: after a seed, the Administrator comes from here.
      if (!result.administrator) console.log("No administrator yet: make one with `rollcall create-admin` (/setup is for an empty installation).");
      return 0;
    }
    case "end-of-day": {
      const { values } = parseArgs({ args: rest, options: { date: { type: "string" } }, strict: true });
      const result = await withDatabase((conn) => runEndOfDay({ ctx: makeCtx(conn.db, { actor: OPERATOR }), input: { date: values.date } }));
      if (result.status === "sent") console.log(`End-of-day report for ${result.date} queued for ${result.recipients} recipient(s); the running app sends it.`);
      else console.log(`The report for ${result.date} was already sent. Nothing more to do.`);
      return 0;
    }
    case "unblock": {
      const { values } = parseArgs({ args: rest, options: { user: { type: "string" }, "send-reset": { type: "boolean" } }, strict: true });
      if (!values.user) {
        console.error(`unblock needs --user.\n\n${USAGE}`);
        return 2;
      }
      const done = await withDatabase(async (conn) => {
        const userId = await userIdByIdentifier(conn.db, values.user!);
        if (!userId) throw NotFound(`No user has the username or e-mail “${values.user}”.`);
        const ctx = makeCtx(conn.db, { actor: OPERATOR });
        return unblockUser({ ctx, input: { userId, sendPasswordReset: !!values["send-reset"] } });
      });
      console.log(
        done.changed === false
          ? `${values.user} was not blocked.`
          : `${values.user} is unblocked${values["send-reset"] ? "; a password-reset link is queued (the running app sends it)" : ""}.`,
      );
      return 0;
    }
    case "reset-password": {
      const { values } = parseArgs({
        args: rest,
        options: { user: { type: "string" }, password: { type: "string" }, "must-change": { type: "boolean" } },
        strict: true,
      });
      if (!values.user || !values.password) {
        console.error(`reset-password needs --user and --password.\n\n${USAGE}`);
        return 2;
      }
      const done = await withDatabase((conn) =>
        setPasswordFromCli({
          ctx: makeCtx(conn.db, { actor: OPERATOR }),
          input: { user: values.user, password: values.password, mustChange: !!values["must-change"] },
        }),
      );
      console.log(`The password of ${done.username} is set${values["must-change"] ? "; they must change it at next sign-in" : ""}. Their sessions have ended.`);
      return 0;
    }
    case "create-api-key": {
      const { values } = parseArgs({ args: rest, options: { name: { type: "string" }, role: { type: "string" }, expires: { type: "string" } }, strict: true });
      if (!values.name || !values.role) {
        console.error(`create-api-key needs --name and --role.\n\n${USAGE}`);
        return 2;
      }
      const created = await withDatabase(async (conn) => {
        const roleId = await roleIdByName(conn.db, values.role!);
        if (!roleId) throw NotFound(`No role is named “${values.role}”.`);
        return createApiKey({ ctx: makeCtx(conn.db, { actor: OPERATOR }), input: { name: values.name, roleId, expiresOn: values.expires } });
      });
      console.log(`API key “${values.name}” created. Copy it now: it is not shown again.\n\n${created.key}\n`);
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
