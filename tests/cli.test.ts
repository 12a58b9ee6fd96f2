import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/** The operator's command line, run as a real process against a throwaway PGlite folder. */
const dir = mkdtempSync(path.join(tmpdir(), "rollcall-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const { DATABASE_URL: _ignored, ...baseEnv } = process.env;

function rollcall(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/rollcall.ts", ...args], {
    cwd: process.cwd(),
    env: { ...baseEnv, ROLLCALL_DATA_DIR: dir },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe("rollcall CLI", () => {
  it("migrates, refuses a weak or over-long password and a taken username, and creates an administrator", () => {
    expect(rollcall("migrate")).toMatchObject({ code: 0, out: expect.stringMatching(/Migrations applied/) });
    const weak = rollcall("create-admin", "--username", "ops", "--email", "ops@example.com", "--password", "password1234");
    expect(weak.code).toBe(1);
    expect(weak.err).toMatch(/password: This password is too weak/);
    const long = rollcall("create-admin", "--username", "ops", "--email", "ops@example.com", "--password", "x".repeat(73));
    expect(long.err).toMatch(/at most 72 bytes/);
    const ok = rollcall("create-admin", "--username", "ops", "--email", "ops@example.com", "--password", "granite owl sings at noon");
    expect(ok).toMatchObject({ code: 0, out: expect.stringMatching(/Administrator ops created/) });
    const taken = rollcall("create-admin", "--username", "OPS", "--email", "other@example.com", "--password", "granite owl sings at noon");
    expect(taken.code).toBe(1);
    expect(taken.err).toMatch(/username: This username is already taken/);
    expect(rollcall("create-admin", "--username", "x").err).toMatch(/needs --email, --password/);
    expect(rollcall("frobnicate").code).toBe(2);
  }, 120_000);

  it("creates an API key with a role, printed once", () => {
    const made = rollcall("create-api-key", "--name", "Payroll", "--role", "api basic");
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/^API key “Payroll” created\. Copy it now: it is not shown again\.\n\nrk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}\n/);
    expect(rollcall("create-api-key", "--name", "X", "--role", "Nobody").err).toMatch(/No role is named “Nobody”/);
    expect(rollcall("create-api-key", "--name", "X", "--role", "Basic").err).toMatch(/does not include API access/);
    expect(rollcall("create-api-key", "--name", "X").code).toBe(2);
  }, 60_000);

  it("seeds demo users", () => {
    const seeded = rollcall("seed-demo", "--users", "250");
    expect(seeded).toMatchObject({ code: 0, out: expect.stringMatching(/Seeded 250 demo users/) });
  }, 60_000);

  it("refuses to open the embedded database while another process holds it", async () => {
    // A live process holds the folder's lock, as the dev server would.
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    const { writeFileSync } = await import("node:fs");
    writeFileSync(path.join(dir, "pglite", "rollcall.lock"), String(holder.pid));
    try {
      const refused = rollcall("migrate");
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(new RegExp(`in use by another process \\(pid ${holder.pid}\\)`));
    } finally {
      holder.kill();
    }
    // Once the holder is gone, the stale lock is taken over.
    await new Promise((r) => holder.on("exit", r));
    expect(rollcall("migrate").code).toBe(0);
  }, 60_000);
});

describe("start-up", () => {
  it("stops in production without AUTH_SECRET, with a clear message", () => {
    const { AUTH_SECRET: _secret, ...withoutSecret } = baseEnv;
    const result = spawnSync(process.execPath, ["--import", "tsx", "-e", "import('./lib/env.ts').then((m) => m.authSecret())"], {
      cwd: process.cwd(),
      env: { ...withoutSecret, NODE_ENV: "production", ROLLCALL_DATA_DIR: dir },
      encoding: "utf8",
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/AUTH_SECRET is not set\. Rollcall refuses to start in production/);
  });

  it("generates a development secret once into the data folder and reuses it", () => {
    const { AUTH_SECRET: _secret, ...withoutSecret } = baseEnv;
    const run = () =>
      spawnSync(process.execPath, ["--import", "tsx", "-e", "import('./lib/env.ts').then((m) => console.log(m.authSecret()))"], {
        cwd: process.cwd(),
        env: { ...withoutSecret, NODE_ENV: "development", ROLLCALL_DATA_DIR: dir },
        encoding: "utf8",
      }).stdout.trim();
    const first = run();
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(run()).toBe(first);
  });
});
