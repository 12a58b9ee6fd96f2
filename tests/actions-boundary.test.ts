/**
 * Every exported server action, fed the hostile values that used to end in a 500: NUL characters,
 * impossible dates, malformed ids, oversized text. Each must answer a refusal with a message (a
 * 4xx-class code) and write nothing. The actions run for real through app/action.ts against the test
 * database; only the request plumbing (who is signed in, Auth.js's cookie, Next's cache) is stubbed.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "@/db/client";
import { makeCtx, type Actor } from "@/lib/context";
import { testDatabase } from "./support/db";
import { insertUser, PASSWORD, roleId } from "./support/factories";

const state: { db?: Database; actor?: Actor } = {};

vi.mock("@/lib/auth", async () => {
  const { parseInput } = await import("@/lib/validation");
  const { SignInForm } = await import("@/lib/auth/sign-in-form");
  const { DomainError } = await import("@/lib/errors");
  return {
    actionContext: async ({ anonymous = false } = {}) => {
      if (!anonymous && !state.actor) throw new DomainError("unauthenticated", "Your session has ended. Sign in again.");
      return makeCtx(state.db!, { actor: anonymous ? null : state.actor, ip: "203.0.113.9", userAgent: "vitest" });
    },
    // The real form schema; Auth.js itself is not reached by a refused form.
    signInWithPassword: async ({ input }: { input: unknown }) => {
      parseInput(SignInForm, input);
    },
    requestLogFields: async () => ({ requestId: "test-request", route: "/test" }),
    signIn: vi.fn(async () => undefined),
    signOut: vi.fn(async () => undefined),
  };
});
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", () => ({
  redirect: vi.fn((to: string) => {
    throw new Error(`NEXT_REDIRECT ${to}`);
  }),
  notFound: vi.fn(),
  forbidden: vi.fn(),
}));

const t = testDatabase();
const NUL = "a\u0000b";
const LONG = "x".repeat(10_000);
const NOT_AN_ID = "not-a-uuid";
const ZERO_ID = "00000000-0000-0000-0000-000000000000";

/** Every "use server" module under app/, and what each exports. */
function serverActionModules(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (/\.tsx?$/.test(name) && /^\s*["']use server["']/.test(readFileSync(file, "utf8"))) out.push(file);
    }
  };
  walk(path.resolve("app"));
  return out;
}

function form(fields: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

let adminId = "";
let basicRoleId = "";
let version = 1;

function userForm(overrides: Record<string, string>): FormData {
  return form({
    firstName: "Lucía",
    lastName: "Núñez",
    username: "lnunez",
    email: "lucia@example.com",
    roleId: basicRoleId,
    access: "password",
    password: "a long enough passphrase 42",
    confirmPassword: "a long enough passphrase 42",
    status: "active",
    ...overrides,
  });
}

type Call = (actions: Record<string, (...args: unknown[]) => Promise<unknown>>) => Promise<unknown>;

/** For each action, the hostile calls it must refuse. */
const hostile: Record<string, [string, Call][]> = {
  createUserAction: [
    ["NUL in first name", (a) => a.createUserAction(null, userForm({ firstName: NUL }))],
    ["NUL in last name", (a) => a.createUserAction(null, userForm({ lastName: NUL }))],
    ["NUL in position", (a) => a.createUserAction(null, userForm({ position: NUL }))],
    ["birthday 1999-02-30", (a) => a.createUserAction(null, userForm({ birthday: "1999-02-30" }))],
    ["expiration 1999-04-31", (a) => a.createUserAction(null, userForm({ accountExpiresOn: "1999-04-31" }))],
    ["10,000-character name", (a) => a.createUserAction(null, userForm({ firstName: LONG }))],
    ["malformed role id", (a) => a.createUserAction(null, userForm({ roleId: NOT_AN_ID }))],
  ],
  updateUserAction: [
    ["NUL in first name", (a) => a.updateUserAction(null, userForm({ userId: adminId, expectedVersion: String(version), firstName: NUL }))],
    ["birthday 1999-02-30", (a) => a.updateUserAction(null, userForm({ userId: adminId, expectedVersion: String(version), birthday: "1999-02-30" }))],
    ["expiration 1999-04-31", (a) => a.updateUserAction(null, userForm({ userId: adminId, expectedVersion: String(version), accountExpiresOn: "1999-04-31" }))],
    ["malformed user id", (a) => a.updateUserAction(null, userForm({ userId: NOT_AN_ID, expectedVersion: "1" }))],
  ],
  resendInvitationAction: [["malformed id", (a) => a.resendInvitationAction(NOT_AN_ID, "email")]],
  revokeInvitationAction: [["NUL id", (a) => a.revokeInvitationAction(NUL)]],
  deactivateUserAction: [
    ["malformed id", (a) => a.deactivateUserAction(NOT_AN_ID)],
    ["unknown id", (a) => a.deactivateUserAction(ZERO_ID)],
  ],
  reactivateUserAction: [["malformed id", (a) => a.reactivateUserAction(NUL)]],
  confirmUserAction: [["malformed id", (a) => a.confirmUserAction(NOT_AN_ID)]],
  unblockUserAction: [["malformed id", (a) => a.unblockUserAction(NOT_AN_ID, true)]],
  deleteUserAction: [
    ["malformed id", (a) => a.deleteUserAction(NOT_AN_ID, null)],
    ["malformed heir", (a) => a.deleteUserAction(ZERO_ID, NOT_AN_ID)],
  ],
  userClientsAction: [["malformed id", (a) => a.userClientsAction(NOT_AN_ID)]],
  pickUsersAction: [
    ["NUL in the picker", (a) => a.pickUsersAction(NUL, true)],
    ["10,000-character term", (a) => a.pickUsersAction(LONG, false)],
  ],
  pickAuditPeopleAction: [
    ["NUL in the audit picker", (a) => a.pickAuditPeopleAction(NUL)],
    ["10,000-character term in the audit picker", (a) => a.pickAuditPeopleAction(LONG)],
  ],
  saveRoleAction: [
    ["NUL in a role's name", (a) => a.saveRoleAction(null, form({ name: NUL, description: "" }))],
    ["NUL in a role's description", (a) => a.saveRoleAction(null, form({ name: "Auditors", description: NUL }))],
    ["malformed role id", (a) => a.saveRoleAction(null, form({ roleId: NOT_AN_ID, name: "Auditors" }))],
  ],
  deleteRoleAction: [["malformed id", (a) => a.deleteRoleAction(NOT_AN_ID)]],
  saveUnitAction: [
    ["NUL in a branch's name", (a) => a.saveUnitAction("branch", null, form({ name: NUL }))],
    ["10,000-character team name", (a) => a.saveUnitAction("team", null, form({ name: LONG }))],
  ],
  deleteUnitAction: [["malformed id", (a) => a.deleteUnitAction("team", NOT_AN_ID)]],
  updateSecuritySettingsAction: [["words for numbers", (a) => a.updateSecuritySettingsAction(null, form({ "lockout.maxFailedAttempts": NUL }))]],
  updateGeneralSettingsAction: [
    ["NUL in the organization's name", (a) => a.updateGeneralSettingsAction(null, form({ "organization.name": NUL, "organization.timeZone": "UTC" }))],
    [
      "a time zone that does not exist",
      (a) => a.updateGeneralSettingsAction(null, form({ "organization.name": "Acme", "organization.timeZone": "Mars/Olympus" })),
    ],
  ],
  retryDeliveryAction: [["malformed id", (a) => a.retryDeliveryAction(NOT_AN_ID)]],
  createApiKeyAction: [
    ["NUL in the key's name", (a) => a.createApiKeyAction(null, form({ name: NUL, roleId: ZERO_ID }))],
    ["malformed role", (a) => a.createApiKeyAction(null, form({ name: "Sync", roleId: NOT_AN_ID }))],
    ["expiry 2027-02-30", (a) => a.createApiKeyAction(null, form({ name: "Sync", roleId: ZERO_ID, expiresOn: "2027-02-30" }))],
    ["10,000-character name", (a) => a.createApiKeyAction(null, form({ name: LONG, roleId: ZERO_ID }))],
  ],
  revokeApiKeyAction: [["malformed id", (a) => a.revokeApiKeyAction(NOT_AN_ID)]],
  bulkUsersAction: [
    ["malformed ids", (a) => a.bulkUsersAction({ action: "deactivate", userIds: [NOT_AN_ID] })],
    ["an unknown action", (a) => a.bulkUsersAction({ action: "explode" as never, userIds: [ZERO_ID] })],
    ["NUL in the filter", (a) => a.bulkUsersAction({ action: "deactivate", filter: { q: NUL } })],
  ],
  sendPasswordResetAction: [["malformed id", (a) => a.sendPasswordResetAction(NOT_AN_ID)]],
  requireNewPasswordAction: [["malformed id", (a) => a.requireNewPasswordAction(NOT_AN_ID)]],
  endSessionAction: [
    ["malformed session id", (a) => a.endSessionAction(NOT_AN_ID)],
    ["an unknown session", (a) => a.endSessionAction(ZERO_ID)],
  ],
  endAllSessionsAction: [["malformed user id", (a) => a.endAllSessionsAction(NOT_AN_ID)]],
  saveImportSettingsAction: [
    ["malformed import id", (a) => a.saveImportSettingsAction(NOT_AN_ID, null, form({ mapping: "email" }))],
    ["an unknown import", (a) => a.saveImportSettingsAction(ZERO_ID, null, form({ mapping: "email" }))],
  ],
  commitImportAction: [
    ["malformed import id", (a) => a.commitImportAction(NOT_AN_ID)],
    ["NUL for an id", (a) => a.commitImportAction(NUL)],
  ],
  discardImportAction: [
    ["malformed import id", (a) => a.discardImportAction(NOT_AN_ID)],
    ["NUL for an id", (a) => a.discardImportAction(NUL)],
    ["an unknown import", (a) => a.discardImportAction(ZERO_ID)],
  ],
  setUserPermissionsAction: [["malformed id", (a) => a.setUserPermissionsAction(NOT_AN_ID, {})]],
  setUserRoleAction: [
    ["malformed user id", (a) => a.setUserRoleAction(NOT_AN_ID, NOT_AN_ID)],
    ["NUL role id", (a) => a.setUserRoleAction(adminId, NUL)],
  ],
  previewCopyAction: [
    ["a non-id to copy from", (a) => a.previewCopyAction(NOT_AN_ID, adminId)],
    ["NUL ids", (a) => a.previewCopyAction(NUL, NUL)],
  ],
  copyPermissionsAction: [["malformed ids", (a) => a.copyPermissionsAction(NOT_AN_ID, adminId)]],
  changePasswordAction: [
    ["NUL in the current password", (a) => a.changePasswordAction(null, form({ currentPassword: NUL, password: "x", confirmPassword: "x" }))],
  ],
  setupAction: [
    [
      "NUL in first name",
      (a) =>
        a.setupAction(null, form({ firstName: NUL, lastName: "A", username: "ada", email: "ada@example.com", password: PASSWORD, confirmPassword: PASSWORD })),
    ],
  ],
  registerAction: [
    ["NUL in first name", (a) => a.registerAction(null, form({ token: "abc", firstName: NUL, lastName: "B", password: PASSWORD, confirmPassword: PASSWORD }))],
    [
      "birthday 1999-02-30",
      (a) =>
        a.registerAction(null, form({ token: "abc", firstName: "A", lastName: "B", birthday: "1999-02-30", password: PASSWORD, confirmPassword: PASSWORD })),
    ],
    ["NUL in the token", (a) => a.registerAction(null, form({ token: NUL, firstName: "A", lastName: "B", password: PASSWORD, confirmPassword: PASSWORD }))],
  ],
  forgotPasswordAction: [["NUL in the identifier", (a) => a.forgotPasswordAction(null, form({ identifier: NUL }))]],
  resetPasswordAction: [["NUL in the token", (a) => a.resetPasswordAction(null, form({ token: NUL, password: PASSWORD, confirmPassword: PASSWORD }))]],
  updateOwnProfileAction: [
    ["NUL for a language", (a) => a.updateOwnProfileAction(null, form({ language: NUL }))],
    ["a language we don't speak", (a) => a.updateOwnProfileAction(null, form({ language: "fr" }))],
    ["NUL in the first name", (a) => a.updateOwnProfileAction(null, form({ firstName: NUL }))],
    ["an empty last name", (a) => a.updateOwnProfileAction(null, form({ lastName: "" }))],
    ["a phone that is no phone", (a) => a.updateOwnProfileAction(null, form({ phone: "call me maybe" }))],
    ["10,000-character phone", (a) => a.updateOwnProfileAction(null, form({ phone: LONG }))],
  ],
  setLanguageAction: [
    ["NUL for a language", (a) => a.setLanguageAction(NUL)],
    ["a language we don't speak", (a) => a.setLanguageAction("fr")],
    ["10,000 characters", (a) => a.setLanguageAction(LONG)],
    ["not text at all", (a) => a.setLanguageAction({ toString: () => "es" } as unknown as string)],
  ],
  requestEmailChangeAction: [
    ["NUL in the address", (a) => a.requestEmailChangeAction(null, form({ email: `x${NUL}@example.com`, currentPassword: PASSWORD }))],
    ["no address", (a) => a.requestEmailChangeAction(null, form({ email: "", currentPassword: PASSWORD }))],
    // A wrong current password is not "nothing written": it counts toward the lock (tests/account.test.ts).
    ["10,000-character address", (a) => a.requestEmailChangeAction(null, form({ email: LONG, currentPassword: PASSWORD }))],
  ],
  confirmEmailChangeAction: [
    ["NUL in the token", (a) => a.confirmEmailChangeAction(null, form({ token: NUL }))],
    ["an unknown token", (a) => a.confirmEmailChangeAction(null, form({ token: "A".repeat(43) }))],
    ["10,000-character token", (a) => a.confirmEmailChangeAction(null, form({ token: LONG }))],
  ],
  signInAction: [
    ["NUL in the identifier", (a) => a.signInAction(null, form({ identifier: NUL, password: "x" }))],
    ["10,000-character identifier", (a) => a.signInAction(null, form({ identifier: LONG, password: "x" }))],
  ],
};

/** Actions that take no input a visitor controls, with the reason. */
const NO_INPUT: Record<string, string> = {
  endOtherSessionsAction: "ends the caller's own other sessions; no arguments",
  reportNotMeAction: "locks the caller's own account; no arguments (tests/account.test.ts)",
  signOutAction: "ends the caller's own session; no arguments",
  passwordHintAction: "reads nothing and writes nothing; hostile text only gets a hint (tested below)",
};

async function counts(db: Database): Promise<Record<string, number>> {
  const tables = ["users", "roles", "branches", "teams", "invitation_tokens", "email_outbox", "settings", "user_permissions", "clients", "api_keys"];
  const out: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`));
    out[table] = rows[0].n;
  }
  const { rows } = await db.execute<{ n: number }>(sql`select count(*)::int as n from audit_events where action <> 'authz_fail'`);
  out.audit_events = rows[0].n;
  return out;
}

const actions: Record<string, (...args: unknown[]) => Promise<unknown>> = {};

beforeAll(async () => {
  state.db = t.db;
  const admin = await insertUser(t.db, { roleKey: "administrator", firstName: "Ada", lastName: "Admin" });
  adminId = admin.id;
  version = admin.version;
  basicRoleId = await roleId(t.db, "basic");
  state.actor = {
    kind: "user",
    userId: admin.id,
    name: "Ada Admin",
    username: admin.username,
    roleKey: "administrator",
    permissions: new Set((await import("@/lib/permissions/catalog")).ALL_PERMISSIONS),
  };
  for (const file of serverActionModules()) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) if (typeof value === "function") actions[name] = value as never;
  }
});

describe("server actions at the boundary", () => {
  it("every exported server action is in the hostile-input table (or says why it takes no input)", () => {
    const missing = Object.keys(actions).filter((name) => !(name in hostile) && !(name in NO_INPUT));
    expect(missing).toEqual([]);
    expect(Object.keys(actions).length).toBeGreaterThanOrEqual(30);
  });

  const cases = Object.entries(hostile).flatMap(([name, calls]) => calls.map(([what, call]) => [`${name}: ${what}`, call] as const));
  it.each(cases)("%s → a refusal with a message, nothing written", async (_label, call) => {
    const before = await counts(t.db);
    const result = (await call(actions)) as { ok: boolean; code?: string; message?: string };
    expect(result.ok).toBe(false);
    expect(["validation", "not_found", "forbidden", "precondition_failed", "conflict", "unauthenticated"]).toContain(result.code);
    expect(result.message?.length).toBeGreaterThan(5);
    expect(JSON.stringify(result)).not.toMatch(/Failed query|at .*\.ts:\d+|stack/i);
    expect(await counts(t.db)).toEqual(before);
  });

  // Arguments of the wrong shape (an object where a kind and the form's data were, none at all): the
  // action's id is in the page's JavaScript, so anyone can call it with anything.
  const misshapen: [string, unknown[]][] = [
    ["an object for the arguments", [{ kind: "branch", name: "x", userId: ZERO_ID }]],
    ["no arguments", []],
    ["numbers", [1, 2, 3]],
  ];
  it.each(misshapen)("every action given %s → a refusal or an answer, never a 500, nothing written", async (_label, args) => {
    for (const name of Object.keys(hostile)) {
      const before = await counts(t.db);
      const result = (await actions[name](...args)) as { ok: boolean; code?: string };
      if (!result.ok) expect(["validation", "not_found", "forbidden", "precondition_failed", "conflict", "unauthenticated"], name).toContain(result.code);
      expect(await counts(t.db), name).toEqual(before);
    }
  });

  it("the password hint answers hostile text with a hint, not an error", async () => {
    const result = (await actions.passwordHintAction(NUL, [NUL])) as { ok: boolean };
    expect(result.ok).toBe(true);
  });

  it("a refusal is one log line with the request id, route and code, and never the input", async () => {
    const { setLogDestination } = await import("@/lib/log");
    const lines: string[] = [];
    setLogDestination({ write: (line: string) => void lines.push(line) });
    await actions.signInAction(null, form({ identifier: "someone", password: "" }));
    const line = lines.map((l) => JSON.parse(l)).find((l) => l.event === "action.refused");
    expect(line).toMatchObject({ requestId: "test-request", route: "/test", code: "validation" });
    expect(lines.join("")).not.toContain("someone");
    expect(lines.join("")).not.toContain("stack");
  });

  it("a NUL names the field and the reason", async () => {
    const result = (await actions.createUserAction(null, userForm({ firstName: NUL }))) as { fieldErrors?: Record<string, string[]> };
    expect(result.fieldErrors?.firstName?.[0]).toMatch(/control characters/);
    // A line break (a quoted CSV cell holds one) is named as one, alone.
    const broken = (await actions.createUserAction(null, userForm({ firstName: "Multi\nLine" }))) as { fieldErrors?: Record<string, string[]> };
    expect(broken.fieldErrors?.firstName).toEqual(["Put this on one line: remove the line breaks."]);
    const date = (await actions.createUserAction(null, userForm({ birthday: "1999-02-30" }))) as { fieldErrors?: Record<string, string[]> };
    expect(date.fieldErrors?.birthday?.[0]).toMatch(/does not exist/);
  });
});
