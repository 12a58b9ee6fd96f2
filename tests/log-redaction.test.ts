import { inspect } from "node:util";
import bcrypt from "bcrypt";
import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { logger, setLogDestination } from "@/lib/log";
import { resetData, testDatabase } from "./support/db";
import { insertUser, roleId } from "./support/factories";

/** A failed query never carries its parameters, and the logger never writes a secret. */
const t = testDatabase();
const hash = bcrypt.hashSync("a password nobody may read", 4);

let lines: string[] = [];
beforeEach(async () => {
  await resetData(t.db);
  lines = [];
  setLogDestination({ write: (line: string) => void lines.push(line) });
});

/** Everything a logger or an error page could print of an error. */
function printed(error: unknown): string {
  const e = error as Error;
  return [e.message, e.stack ?? "", inspect(e, { depth: 10 }), String(e)].join("\n");
}

const failures: [name: string, run: () => Promise<unknown>][] = [
  ["a cast of the hash to int", () => t.db.execute(sql`select ${hash}::int`)],
  [
    "an insert of a duplicate username with a password hash",
    async () => {
      const taken = await insertUser(t.db);
      await t.db.insert(users).values({
        firstName: "Dup",
        lastName: "Licate",
        username: taken.username,
        email: "someone.else@example.com",
        roleId: await roleId(t.db, "basic"),
        status: "active",
        passwordHash: hash,
      });
    },
  ],
];

describe.each(failures)("a failed query: %s", (_name, run) => {
  const failure = () =>
    run().then(
      () => expect.unreachable("the query should fail"),
      (e: unknown) => e,
    );

  it("throws an error whose message, stack and inspection never hold the hash", async () => {
    const error = await failure();
    expect(error).toBeInstanceOf(Error);
    const text = printed(error);
    expect(text).toMatch(/Failed query/);
    expect(text).not.toContain(hash);
  });

  it("throws an error whose message, stack and inspection never mention its parameters", async () => {
    expect(printed(await failure())).not.toContain("params:");
  });

  it("logged as { err }, writes no line containing the hash", async () => {
    const error = await failure();
    logger().error({ err: error }, "query failed");
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toContain(hash);
  });
});

describe("the logger", () => {
  it("writes [redacted] instead of passwords, password hashes and tokens, at the top level or one level down", async () => {
    logger().info(
      {
        password: "hunter2-secret",
        passwordHash: hash,
        token: "tok_very_secret",
        tokenHash: "th_very_secret",
        user: { username: "ada", password: "nested-secret", passwordHash: hash, token: "nested_tok" },
      },
      "signing in",
    );
    expect(lines).toHaveLength(1);
    const line = lines[0];
    for (const secret of ["hunter2-secret", hash, "tok_very_secret", "th_very_secret", "nested-secret", "nested_tok"]) expect(line).not.toContain(secret);
    const entry = JSON.parse(line);
    expect(entry).toMatchObject({
      password: "[redacted]",
      passwordHash: "[redacted]",
      token: "[redacted]",
      tokenHash: "[redacted]",
      user: { username: "ada", password: "[redacted]", passwordHash: "[redacted]", token: "[redacted]" },
    });
  });
});
