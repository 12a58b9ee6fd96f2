/**
 * The audit log: every event in words (English and Spanish), before → after with role, branch and
 * team names, the filters and keyset pagination on real rows, the shared CSV escaper and its
 * inverse, the streamed export, and the append-only triggers.
 */
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditEvents, branches, roles, settings, teams } from "@/db/schema";
import { actorIn, auditWords, describeEvent, type AuditWords } from "@/lib/audit/describe-event";
import { exportAuditEvents } from "@/lib/audit/export-audit-events";
import type { AuditRow } from "@/lib/audit/filters";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { lookupUnitNames, type UnitNames } from "@/lib/audit/lookup-names";
import { recordAudit } from "@/lib/audit/record-audit";
import { csvLine, escapeCsvField, unescapeFormula } from "@/lib/csv/escape";
import type { Actor, Ctx } from "@/lib/context";
import { ALL_PERMISSIONS } from "@/lib/permissions/catalog";
import { deleteUnit } from "@/lib/organization/delete-unit";
import { saveUnit } from "@/lib/organization/save-unit";
import { deleteUser } from "@/lib/users/delete-user";
import { updateUser } from "@/lib/users/update-user";
import { deactivateUser } from "@/lib/users/deactivate-user";
import { pickAuditPeople } from "@/lib/users/form-options";
import { testDatabase } from "./support/db";
import { actorWith, insertUser, roleId, testCtx } from "./support/factories";

const t = testDatabase();
const NO_NAMES: UnitNames = { roleId: new Map(), branchId: new Map(), teamId: new Map() };
let en: AuditWords;
let es: AuditWords;

beforeAll(async () => {
  [en, es] = await Promise.all([auditWords("en"), auditWords("es")]);
});

/** An event as the table holds it, for the describer alone. */
function row(overrides: Partial<AuditRow>): AuditRow {
  return {
    id: 1,
    at: new Date("2026-06-01T09:00:00Z"),
    action: "user.updated",
    actorKind: "user",
    actorId: "00000000-0000-4000-8000-00000000000a",
    actorName: "Ada Admin (ada)",
    targetType: "user",
    targetId: "00000000-0000-4000-8000-00000000000b",
    targetName: "Lucía Núñez",
    ip: "203.0.113.7",
    userAgent: "vitest",
    detail: {},
    ...overrides,
  };
}

const say = (r: Partial<AuditRow>, w: AuditWords) => describeEvent(row(r), w, NO_NAMES).sentence;

/** Empties the trail between tests (the append-only trigger allows it only when asked). */
async function emptyTrail() {
  await t.db.transaction(async (tx) => {
    await tx.execute(sql`set local rollcall.allow_audit_truncate = on`);
    await tx.execute(sql`truncate audit_events restart identity`);
  });
}

function adminCtx(userId: string | null = null, now = new Date("2026-06-01T09:00:00Z"), name = "Ada Admin"): Ctx {
  const actor: Actor = userId
    ? { kind: "user", userId, name, username: "ada", roleKey: "administrator", permissions: new Set(ALL_PERMISSIONS) }
    : actorWith("all");
  return testCtx(t.db, { actor, now: () => now }).ctx;
}

describe("every event in words", () => {
  it("says who did what to whom, in English and in Spanish", () => {
    expect(say({ action: "user.deactivated" }, en)).toBe("Ada Admin deactivated Lucía Núñez");
    expect(say({ action: "user.deactivated" }, es)).toBe("Ada Admin desactivó a Lucía Núñez");
    expect(say({ action: "auth.sign_in", targetId: "00000000-0000-4000-8000-00000000000a", targetName: "Ada Admin" }, en)).toBe("Ada Admin signed in");
    expect(say({ action: "auth.sign_in" }, es)).toBe("Ada Admin inició sesión");
    const sweep = { action: "user.locked", actorKind: "system", actorId: null, actorName: "System", targetName: "Pedro Paz", detail: { reason: "inactivity" } };
    expect(say(sweep, en)).toBe("System locked Pedro Paz (inactivity)");
    expect(say(sweep, es)).toBe("El sistema bloqueó a Pedro Paz (inactividad)");
    const tooMany = {
      action: "user.locked",
      actorKind: null,
      actorId: null,
      actorName: null,
      targetName: "Pedro Paz",
      detail: { reason: "failed_logins", failures: 6 },
    };
    expect(say(tooMany, en)).toBe("Pedro Paz was locked (6 wrong passwords in a row)");
    expect(say(tooMany, es)).toBe("Se bloqueó la cuenta de Pedro Paz (6 contraseñas incorrectas seguidas)");
    const key = { action: "user.created", actorKind: "apiKey", actorName: "API key “Payroll”" };
    expect(say(key, en)).toBe("API key “Payroll” created Lucía Núñez");
    expect(say(key, es)).toBe("La clave de API «Payroll» creó a Lucía Núñez");
    const cli = { action: "user.password_changed", actorKind: "cli", actorId: null, actorName: "Command line", detail: { by: "cli" } };
    expect(say(cli, en)).toBe("Command line set a new password for Lucía Núñez");
    expect(say(cli, es)).toBe("La línea de comandos puso una contraseña nueva a Lucía Núñez");
    expect(
      say({ action: "auth.sign_in_failed", actorKind: null, actorName: null, targetName: null, detail: { identifier: "nobody", reason: "unknown_user" } }, en),
    ).toBe("Failed sign-in as “nobody” (unknown user)");
    expect(say({ action: "branch.renamed", targetType: "branch", targetName: "Colón", detail: { from: "Colon", to: "Colón" } }, es)).toBe(
      "Ada Admin cambió el nombre de la sucursal Colon a Colón",
    );
    expect(say({ action: "settings.updated", targetType: "settings", targetName: "security" }, en)).toBe("Ada Admin changed the security settings");
    // The section is named in the reader's language in the Target column too, not by its key.
    expect(describeEvent(row({ action: "settings.updated", targetType: "settings", targetName: "general" }), es, NO_NAMES).target).toBe(
      "Configuración general",
    );
    expect(describeEvent(row({ action: "user.updated", targetType: "user", targetName: "general" }), es, NO_NAMES).target).toBe("general");
    const report = { action: "report.sent", actorKind: "system", actorId: null, actorName: "System", targetType: null, targetId: null, targetName: null };
    expect(say({ ...report, detail: { date: "2026-05-31", recipients: 3 } }, en)).toBe("System sent the end-of-day report for 31 May 2026 to 3 recipients");
    expect(say({ ...report, detail: { date: "2026-05-31", recipients: 1 } }, es)).toBe(
      "El sistema envió el reporte de fin de día del 31 may 2026 a 1 destinatario",
    );
    // Someone editing their own profile.
    expect(say({ action: "user.updated", targetId: "00000000-0000-4000-8000-00000000000a", targetName: "Ada Admin" }, en)).toBe(
      "Ada Admin updated their own profile",
    );
  });

  it("names the actor's kind, also for rows written before actor_kind existed", () => {
    expect(describeEvent(row({ actorKind: null, actorName: "System" }), en, NO_NAMES).actor).toMatchObject({ kind: "system", kindLabel: "System" });
    expect(describeEvent(row({ actorKind: null, actorName: "Command line" }), es, NO_NAMES).actor).toMatchObject({
      kind: "cli",
      kindLabel: "Línea de comandos",
    });
    expect(describeEvent(row({ actorKind: null, actorName: "API key “Payroll”" }), en, NO_NAMES).actor).toMatchObject({ kind: "apiKey", name: "Payroll" });
    expect(describeEvent(row({ actorKind: null, actorName: null }), en, NO_NAMES).actor).toMatchObject({ kind: null, kindLabel: "Anonymous" });
  });

  it("falls back to the code itself for an action it does not know", () => {
    expect(say({ action: "report.something_new" }, en)).toBe("report.something_new");
    expect(say({ action: "user" }, es)).toBe("user");
    expect(describeEvent(row({ action: "report.something_new" }), en, NO_NAMES).actionName).toBe("report.something_new");
    expect(describeEvent(row({ action: "user.deleted" }), es, NO_NAMES).actionName).toBe("Usuario eliminado");
  });
});

describe("before → after", () => {
  it("shows a real edit with role, branch and team names (a deleted branch as deleted), yes/no and dates", async () => {
    const ctx = adminCtx();
    const north = await saveUnit({ ctx, input: { kind: "branch", name: "North" } });
    const south = await saveUnit({ ctx, input: { kind: "branch", name: "South" } });
    const red = await saveUnit({ ctx, input: { kind: "team", name: "Red" } });
    const user = await insertUser(t.db, { firstName: "Lucía", lastName: "Núñez", branchId: north.id, birthday: "1990-05-01" });
    await updateUser({
      ctx,
      input: {
        userId: user.id,
        expectedVersion: user.version,
        firstName: "Lucía",
        lastName: "Núñez",
        username: user.username,
        email: user.email,
        roleId: await roleId(t.db, "administrator"),
        branchId: south.id,
        teamId: red.id,
        birthday: "1990-05-02",
        accountExpiresOn: "2030-12-31",
        status: "active",
        adminConsoleAccess: "",
        language: "en",
      },
    });
    await deleteUnit({ ctx, input: { kind: "branch", id: north.id } });

    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "user.updated"));
    const names = await lookupUnitNames(t.db, [event]);
    const byField = (w: AuditWords) => Object.fromEntries(describeEvent(event, w, names).changes.map((c) => [c.field, `${c.before} → ${c.after}`]));
    expect(byField(en)).toMatchObject({
      Role: "Basic → Administrator",
      Branch: "deleted → South",
      Team: "— → Red",
      Birthday: "1 May 1990 → 2 May 1990",
      "Expiration date": "— → 31 Dec 2030",
      "Allowed to log in to the admin console": "Yes → No",
    });
    expect(byField(es)).toMatchObject({
      Rol: "Basic → Administrator",
      Sucursal: "eliminado → South",
      Equipo: "— → Red",
      "Fecha de nacimiento": "1 may 1990 → 2 may 1990",
      "Puede iniciar sesión en la consola de administración": "Sí → No",
    });
    const [roleRow] = await t.db.select({ name: roles.name }).from(roles).where(eq(roles.key, "basic"));
    expect(roleRow.name).toBe("Basic");
    expect(await t.db.select().from(branches).where(eq(branches.id, north.id))).toEqual([]);
    expect((await t.db.select().from(teams)).length).toBe(1);
  });

  it("shows a role's new description", () => {
    const changed = row({
      action: "role.updated",
      targetType: "role",
      targetName: "Auditors",
      detail: { changes: { description: ["Read-only", "Reads everything"] } },
    });
    expect(describeEvent(changed, en, NO_NAMES).changes).toEqual([{ field: "Description", before: "Read-only", after: "Reads everything" }]);
    expect(describeEvent(changed, es, NO_NAMES).changes[0].field).toBe("Descripción");
  });

  it("shows each per-user permission setting that moved", () => {
    const changed = row({
      action: "user.permissions_changed",
      targetType: "user",
      targetName: "Ana",
      detail: { before: ["users.view"], after: ["users.view"], overrides: { "users.create": ["inherit", "deny"] } },
    });
    expect(describeEvent(changed, en, NO_NAMES).changes).toEqual([{ field: "Create users: for this user", before: "as the role", after: "denied" }]);
    expect(describeEvent(changed, es, NO_NAMES).changes).toEqual([{ field: "Crear usuarios: para este usuario", before: "como el rol", after: "denegado" }]);
  });

  it("shows the permissions a role gained and lost, by name", () => {
    const changed = row({
      action: "role.updated",
      targetType: "role",
      targetName: "Auditors",
      detail: { name: ["Auditors", "Auditors"], before: ["audit.view", "users.view"], after: ["audit.view", "users.create"] },
    });
    expect(describeEvent(changed, en, NO_NAMES).changes).toEqual([
      { field: "Permissions given", before: "—", after: "Create users" },
      { field: "Permissions taken away", before: "View users", after: "—" },
    ]);
    expect(describeEvent(changed, es, NO_NAMES).changes[0]).toEqual({ field: "Permisos otorgados", before: "—", after: "Crear usuarios" });
  });
});

describe("filters and keyset pagination", () => {
  let ada: string;
  let ben: string;
  let lucia: string;
  let pedro: string;

  beforeAll(async () => {
    await emptyTrail();
    ada = (await insertUser(t.db, { roleKey: "administrator", firstName: "Ada", lastName: "Admin" })).id;
    ben = (await insertUser(t.db, { roleKey: "administrator", firstName: "Ben", lastName: "Boss" })).id;
    lucia = (await insertUser(t.db, { firstName: "Lucía", lastName: "Núñez" })).id;
    pedro = (await insertUser(t.db, { firstName: "Pedro", lastName: "Paz" })).id;
    // 25 events over five days: Ada and Ben take turns acting on Lucía and Pedro; all at 10:00 UTC
    // on their day, several at the very same instant, so the id breaks the ties.
    for (let i = 0; i < 25; i++) {
      const day = 1 + Math.floor(i / 5);
      const actor = i % 2 === 0 ? ada : ben;
      const target = i % 3 === 0 ? { id: pedro, name: "Pedro Paz" } : { id: lucia, name: "Lucía Núñez" };
      const ctx = adminCtx(actor, new Date(Date.UTC(2026, 5, day, 10)), actor === ada ? "Ada Admin" : "Ben Boss");
      await recordAudit(t.db, ctx, i % 4 === 0 ? "user.deactivated" : "user.updated", { target: { type: "user", ...target } });
    }
  });

  const list = async (input: Record<string, unknown>) => listAuditEvents({ ctx: adminCtx(ada), input: { pageSize: 10, ...input } });
  const ids = (rows: { id: number }[]) => rows.map((r) => r.id);

  it("pages through everything newest first, with Older and Newer cursors, and no OFFSET", async () => {
    const first = await list({});
    expect(ids(first.rows)).toEqual([25, 24, 23, 22, 21, 20, 19, 18, 17, 16]);
    expect(first.newer).toBeNull();
    expect(first.older).toBe(16);
    const second = await list({ before: first.older });
    expect(ids(second.rows)).toEqual([15, 14, 13, 12, 11, 10, 9, 8, 7, 6]);
    expect(second.newer).toBe(15);
    const third = await list({ before: second.older });
    expect(ids(third.rows)).toEqual([5, 4, 3, 2, 1]);
    expect(third.older).toBeNull();
    const back = await list({ after: third.newer });
    expect(ids(back.rows)).toEqual(ids(second.rows));
    const top = await list({ after: back.newer });
    expect(ids(top.rows)).toEqual(ids(first.rows));
    expect(top.newer).toBeNull();
  });

  it("filters by actor, target, action, date range and text, and pages within the filter", async () => {
    const byBen = await list({ actor: ben, pageSize: 200 });
    expect(byBen.rows.length).toBe(12);
    expect(byBen.rows.every((r) => r.actorId === ben)).toBe(true);
    const aboutPedro = await list({ target: pedro, pageSize: 200 });
    expect(ids(aboutPedro.rows)).toEqual([25, 22, 19, 16, 13, 10, 7, 4, 1]);
    const deactivations = await list({ action: "user.deactivated", pageSize: 200 });
    expect(ids(deactivations.rows)).toEqual([25, 21, 17, 13, 9, 5, 1]);
    // 2 June to 3 June, both days included (UTC): events 6 to 15.
    const range = await list({ from: "2026-06-02", to: "2026-06-03", pageSize: 200 });
    expect(ids(range.rows)).toEqual([15, 14, 13, 12, 11, 10, 9, 8, 7, 6]);
    const text = await list({ q: "núñez", pageSize: 200 });
    expect(text.rows.every((r) => r.targetName === "Lucía Núñez")).toBe(true);
    expect(text.rows.length).toBe(16);
    // Written without the accents, or in capitals, the same events: names are compared as a reader compares them.
    for (const spelled of ["nunez", "LUCIA NUÑEZ"]) expect(ids((await list({ q: spelled, pageSize: 200 })).rows)).toEqual(ids(text.rows));
    const combined = await list({ actor: ada, target: pedro, from: "2026-06-01", to: "2026-06-05" });
    expect(ids(combined.rows)).toEqual([25, 19, 13, 7, 1]);
    // Paging inside a filter.
    const page1 = await list({ target: lucia });
    const page2 = await list({ target: lucia, before: page1.older });
    expect([...ids(page1.rows), ...ids(page2.rows)]).toEqual([24, 23, 21, 20, 18, 17, 15, 14, 12, 11, 9, 8, 6, 5, 3, 2]);
    expect(page2.older).toBeNull();
    expect(page2.newer).toBe(9);
  });

  it("refuses malformed parameters by name", async () => {
    const fields = async (input: Record<string, unknown>) =>
      ((await list(input).catch((e) => e)) as { fieldErrors?: Record<string, string[]> }).fieldErrors ?? {};
    expect(await fields({ from: "1999-02-30" })).toHaveProperty("from");
    expect(await fields({ to: "tomorrow" })).toHaveProperty("to");
    expect(await fields({ actor: "not-a-uuid" })).toHaveProperty("actor");
    expect(await fields({ q: "a\u0000b" })).toHaveProperty("q");
    expect(await fields({ before: "1 or 1=1" })).toHaveProperty("before");
    // Days in the wrong order: said, not answered with an empty log.
    expect(await fields({ from: "2026-12-01", to: "2026-11-01" })).toEqual({
      to: ["The end date is before the start date."],
      from: ["The end date is before the start date."],
    });
    expect((await list({ from: "2026-11-01", to: "2026-11-01" })).rows).toBeDefined();
    // A day that is not one is said as such, not also as out of order.
    expect(await fields({ from: "garbage", to: "2026-11-01" })).toEqual({ from: ["Enter the start date as a date."] });
    // Empty form fields are no filter at all.
    expect((await list({ actor: "", target: "", action: "", from: "", to: "", q: "" })).rows.length).toBe(10);
  });

  it("refuses a caller without audit.view", async () => {
    const ctx = testCtx(t.db, { actor: actorWith(["users.view"], ada) }).ctx;
    await expect(listAuditEvents({ ctx, input: {} })).rejects.toMatchObject({ code: "forbidden" });
    await expect(exportAuditEvents({ ctx, input: {} })).rejects.toMatchObject({ code: "forbidden" });
    const refusals = await t.db.select({ detail: auditEvents.detail }).from(auditEvents).where(eq(auditEvents.action, "authz_fail"));
    expect(refusals.map((r) => (r.detail as { attempted: string }).attempted)).toEqual(["listAuditEvents", "exportAuditEvents"]);
  });
});

describe("the people pickers of the filters", () => {
  it("find people for a reader of the log who may not view users, by name only, and refuse who may not read the log", async () => {
    await insertUser(t.db, { firstName: "Grace", lastName: "Lovelock" });
    const auditor = testCtx(t.db, { actor: actorWith(["audit.view"]) }).ctx;
    const found = await pickAuditPeople({ ctx: auditor, input: { q: "lovelock" } });
    expect(found).toHaveLength(1);
    // Names and usernames, as the log shows them: not the role the user list would.
    expect(Object.keys(found[0]).sort()).toEqual(["id", "name", "username"]);
    expect(found[0].name).toBe("Grace Lovelock");
    const viewer = testCtx(t.db, { actor: actorWith(["users.view"]) }).ctx;
    await expect(pickAuditPeople({ ctx: viewer, input: { q: "lovelock" } })).rejects.toMatchObject({ code: "forbidden" });
    // The one whose username is the term first, then those whose names start with it, then the rest:
    // a picker highlights its first option.
    await insertUser(t.db, { firstName: "Alfonso", lastName: "Adams", username: "alfonso.gradalove" });
    await insertUser(t.db, { firstName: "Love", lastName: "Zapata", username: "lzapata" });
    await insertUser(t.db, { firstName: "Zoe", lastName: "Zu", username: "love" });
    expect((await pickAuditPeople({ ctx: auditor, input: { q: "love" } })).map((p) => p.username)).toEqual([
      "love",
      expect.any(String), // Grace Lovelock's: by last name among those starting with it
      "lzapata",
      "alfonso.gradalove", // "love" inside a username only
    ]);
    // No term: everyone (up to the picker's limit), with nothing to rank by.
    expect((await pickAuditPeople({ ctx: auditor, input: { q: "" } })).length).toBeGreaterThanOrEqual(4);
  });
});

describe("days in the organization's time zone", () => {
  beforeEach(emptyTrail);

  it("counts the From and To days as the end-of-day report does", async () => {
    const ctx = adminCtx();
    // 22:00 on 5 June in Panama (UTC−5) is 03:00 on 6 June in UTC.
    await recordAudit(t.db, { ...ctx, now: () => new Date("2026-06-06T03:00:00Z") }, "user.locked", { target: { type: "user", name: "Pedro Paz" } });
    const onThe5th = () => listAuditEvents({ ctx, input: { from: "2026-06-05", to: "2026-06-05" } });
    expect((await onThe5th()).rows).toHaveLength(0);
    await t.db
      .insert(settings)
      .values({ key: "organization.timeZone", value: "America/Panama" })
      .onConflictDoUpdate({ target: settings.key, set: { value: "America/Panama" } });
    try {
      const page = await onThe5th();
      expect(page.rows).toHaveLength(1);
      expect(page.timeZone).toBe("America/Panama");
      // The calendar's last day is a day like another (its end, in year 10000, was a 500), the export's too.
      expect((await listAuditEvents({ ctx, input: { from: "2026-06-05", to: "9999-12-31" } })).rows).toHaveLength(1);
      expect((await listAuditEvents({ ctx, input: { from: "9999-12-31", to: "9999-12-31" } })).rows).toHaveLength(0);
    } finally {
      await t.db.update(settings).set({ value: "UTC" }).where(eq(settings.key, "organization.timeZone"));
    }
  });
});

/** A minimal RFC 4180 reader, to check what the writer wrote. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ",") {
      endField();
    } else if (!quoted && c === "\r" && text[i + 1] === "\n") {
      endField();
      records.push(record);
      record = [];
      i++;
    } else {
      field += c;
    }
  }
  if (field || record.length) {
    endField();
    records.push(record);
  }
  return records;
}

describe("the CSV escaper", () => {
  it("escapes formulas and quotes what needs quoting", () => {
    expect(escapeCsvField("=SUM(1)")).toBe("'=SUM(1)");
    expect(escapeCsvField("+507 6123 4567")).toBe("'+507 6123 4567");
    expect(escapeCsvField("-1")).toBe("'-1");
    expect(escapeCsvField("@x")).toBe("'@x");
    expect(escapeCsvField("\tx")).toBe("'\tx");
    expect(escapeCsvField("\rx")).toBe('"\'\rx"');
    expect(escapeCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(escapeCsvField("a,b")).toBe('"a,b"');
    expect(escapeCsvField("two\nlines")).toBe('"two\nlines"');
    expect(escapeCsvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(escapeCsvField("plain")).toBe("plain");
    expect(escapeCsvField("a-b")).toBe("a-b");
    expect(escapeCsvField(null)).toBe("");
    expect(escapeCsvField(42)).toBe("42");
    expect(csvLine(["a", "=b", null])).toBe("a,'=b,\r\n");
  });

  it("gives back exactly what was written, through a parser and unescapeFormula", () => {
    const values = [
      "=SUM(1)",
      "+50761234567",
      "-1",
      "@x",
      "\tx",
      "\rx",
      'say "hi"',
      "a,b",
      "two\r\nlines",
      "'=already quoted",
      "''@twice",
      "'plain",
      "",
      "ñandú",
      "-",
    ];
    const [parsed] = parseCsv(csvLine(values));
    expect(parsed.map(unescapeFormula)).toEqual(values);
    expect(unescapeFormula("'x")).toBe("'x");
  });
});

describe("the export", () => {
  beforeEach(emptyTrail);

  it("streams the filtered log in batches, with a header row and escaped fields", async () => {
    const ada = (await insertUser(t.db, { roleKey: "administrator", firstName: "Ada", lastName: "Admin" })).id;
    const values = Array.from({ length: 1234 }, (_, i) => ({
      at: new Date(Date.UTC(2026, 5, 1, 9, 0, Math.floor(i / 3))),
      action: "user.updated",
      actorKind: "user",
      actorId: ada,
      actorName: "Ada Admin (ada)",
      targetType: "user",
      targetId: null,
      targetName: i === 0 ? "=SUM(1)" : `User ${i}`,
      ip: "203.0.113.7",
      detail: {},
    }));
    for (let i = 0; i < values.length; i += 500) await t.db.insert(auditEvents).values(values.slice(i, i + 500));
    await t.db.insert(auditEvents).values({ action: "auth.sign_in", actorKind: "user", actorName: "Ben Boss (ben)", targetName: "Ben Boss" });

    const { filename, stream } = await exportAuditEvents({
      ctx: adminCtx(ada, new Date("2026-06-01T18:00:00Z")),
      input: { actor: ada, locale: "en" },
      batchSize: 100,
    });
    expect(filename).toBe("audit-log-2026-06-01.csv");
    const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
    const chunks: string[] = [];
    const reader = stream.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) chunks.push(decoder.decode(next.value));
    // The header, then 13 batches of at most 100 rows: the log was never read whole.
    expect(chunks.length).toBe(1 + 13);
    for (const chunk of chunks.slice(1)) expect(parseCsv(chunk).length).toBeLessThanOrEqual(100);

    const text = chunks.join("");
    expect(text.startsWith("\uFEFF")).toBe(true);
    const [header, exported, ...records] = parseCsv(text.slice(1));
    expect(header).toEqual([
      "Event ID",
      "Time (UTC)",
      "Action code",
      "Event",
      "Actor kind",
      "Actor",
      "Target",
      "Client address",
      "User agent",
      "Changes (before → after)",
      "Detail (JSON)",
    ]);
    // The export is on record, and the newest event of its own (filtered) log.
    expect(exported.slice(1, 4)).toEqual(["2026-06-01T18:00:00.000Z", "audit.exported", "Ada Admin exported the audit log"]);
    expect(records.length).toBe(1234);
    expect(records.map((r) => Number(r[0]))).toEqual(Array.from({ length: 1234 }, (_, i) => 1234 - i));
    const first = records.at(-1)!;
    expect(first[6]).toBe("'=SUM(1)");
    expect(first[3]).toBe("Ada Admin updated =SUM(1)");
    expect(records[0].slice(1, 8)).toEqual([
      "2026-06-01T09:06:51.000Z",
      "user.updated",
      "Ada Admin updated User 1233",
      "User",
      "Ada Admin (ada)",
      "User 1233",
      "203.0.113.7",
    ]);
    const [recorded] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "audit.exported"));
    expect(recorded).toMatchObject({ actorId: ada, detail: { filters: { actor: ada } } });
  });

  it("writes the header in Spanish for a Spanish reader", async () => {
    const { stream } = await exportAuditEvents({ ctx: adminCtx(), input: { locale: "es" } });
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
    expect(parseCsv(text.slice(1))[0][0]).toBe("ID del evento");
  });
});

describe("append-only", () => {
  beforeEach(emptyTrail);

  it("refuses UPDATE, DELETE and TRUNCATE on audit_events, even for a caller with every permission, and accepts inserts", async () => {
    const ctx = adminCtx();
    await recordAudit(ctx.db, ctx, "user.created", { target: { type: "user", name: "Lucía Núñez" } });
    await expect(ctx.db.execute(sql`update audit_events set action = 'user.deleted'`)).rejects.toThrow(/append-only/);
    await expect(ctx.db.update(auditEvents).set({ targetName: "Nobody" }).where(eq(auditEvents.id, 1))).rejects.toThrow(/append-only/);
    await expect(ctx.db.execute(sql`delete from audit_events`)).rejects.toThrow(/append-only/);
    await expect(ctx.db.delete(auditEvents).where(eq(auditEvents.id, 1))).rejects.toThrow(/append-only/);
    await expect(ctx.db.execute(sql`truncate audit_events`)).rejects.toThrow(/append-only/);
    await expect(ctx.db.execute(sql`truncate users, audit_events cascade`)).rejects.toThrow(/append-only/);
    // Inside a transaction too, and the setting does not open UPDATE or DELETE.
    await expect(
      ctx.db.transaction(async (tx) => {
        await tx.execute(sql`set local rollcall.allow_audit_truncate = on`);
        await tx.execute(sql`delete from audit_events`);
      }),
    ).rejects.toThrow(/append-only/);
    const rows = await t.db.select().from(auditEvents);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "user.created", targetName: "Lucía Núñez" });
    await recordAudit(ctx.db, ctx, "user.deleted", { target: { type: "user", name: "Lucía Núñez" } });
    expect(await t.db.select().from(auditEvents)).toHaveLength(2);
  });

  it("keeps a deleted user's events (no foreign key to users)", async () => {
    const admin = await insertUser(t.db, { roleKey: "administrator" });
    const user = await insertUser(t.db, { firstName: "Pedro", lastName: "Paz" });
    const ctx = adminCtx(admin.id);
    await deactivateUser({ ctx, input: { userId: user.id } });
    await deleteUser({ ctx, input: { userId: user.id } });
    const events = await t.db
      .select({ action: auditEvents.action, targetName: auditEvents.targetName })
      .from(auditEvents)
      .where(eq(auditEvents.targetId, user.id));
    expect(events.map((e) => e.action).sort()).toEqual(["user.deactivated", "user.deleted"]);
    expect(events.every((e) => e.targetName === "Pedro Paz")).toBe(true);
    const { rows } = await t.db.execute<{ n: number }>(
      sql`select count(*)::int as n from pg_constraint where conrelid = 'audit_events'::regclass and contype = 'f'`,
    );
    expect(rows[0].n).toBe(0);
  });
});

describe("a refusal on record", () => {
  it("names whom it was about and why, in the reader's language, when the refusal says", async () => {
    const admin = await insertUser(t.db, { roleKey: "administrator", firstName: "Quilla", lastName: "Quispe" });
    const helper = await insertUser(t.db, { roleKey: "basic", firstName: "Sofía", lastName: "Soporte" });
    const ctx = testCtx(t.db, { actor: { ...actorWith(["users.view", "users.update"], helper.id), name: "Sofía Soporte" } as Actor }).ctx;
    await expect(deactivateUser({ ctx, input: { userId: admin.id } })).rejects.toMatchObject({ code: "forbidden" });
    const mine = () =>
      t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "authz_fail"), eq(auditEvents.actorId, helper.id)));
    const [event] = await mine();
    expect(event).toMatchObject({ targetType: "user", targetId: admin.id, targetName: "Quilla Quispe", detail: { attempted: "user.deactivate" } });
    const said = (w: AuditWords) => describeEvent(event as AuditRow, w, NO_NAMES).sentence;
    expect(said(en)).toMatch(/^Sofía Soporte was refused user\.deactivate: You cannot deactivate Quilla Quispe: they hold permissions you do not \(/);
    expect(said(es)).toMatch(/^Sofía Soporte fue rechazado en user\.deactivate: No puedes desactivar a Quilla Quispe: tiene permisos que tú no tienes \(/);
    // Refused for a permission they lack: the sentence says so, without the generic words twice.
    await expect(deactivateUser({ ctx: testCtx(t.db, { actor: actorWith(["users.view"], helper.id) }).ctx, input: { userId: admin.id } })).rejects.toThrow();
    const events = await mine();
    const generic = events.find((e) => e.id !== event.id)!;
    expect(generic.targetId).toBeNull();
    expect(describeEvent(generic as AuditRow, en, NO_NAMES).sentence).toMatch(/was refused: no permission for user\.deactivate$/);
  });
});

describe("who acted, in a user's recent activity", () => {
  it("names a person by their label, and the system, the command line and a key in the reader's words", () => {
    expect(actorIn({ actorKind: "user", actorName: "Ada Lovelace (ada)" }, es)).toBe("Ada Lovelace (ada)");
    expect(actorIn({ actorKind: "system", actorName: "System" }, es)).toBe("El sistema");
    expect(actorIn({ actorKind: "cli", actorName: "Command line" }, es)).toBe("La línea de comandos");
    expect(actorIn({ actorKind: "apiKey", actorName: "API key “Payroll sync”" }, es)).toContain("Payroll sync");
    expect(actorIn({ actorKind: "system", actorName: "System" }, en)).toBe("System");
  });
});
