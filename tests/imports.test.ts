/**
 * Importing users from a spreadsheet: the file checks, the mapping step (remembered), the dry run's
 * every kind of error, the all-or-nothing apply, a job that survives its worker, two overlapping
 * imports, and the export that imports back as "unchanged" (formula escape and phones included).
 */
import ExcelJS from "exceljs";
import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { auditEvents, branches, emailOutbox, importJobs, importRows, settings, users } from "@/db/schema";
import { commitImport, discardImport, getImport, importRowsPage, saveImportSettings, startImport } from "@/lib/imports/jobs";
import { rejectedRowsCsv } from "@/lib/imports/rejected-rows";
import { importTemplate } from "@/lib/imports/template";
import { runImportJobs } from "@/lib/imports/worker";
import { IMPORT_COLUMNS } from "@/lib/imports/columns";
import { exportUsers } from "@/lib/users/export-users";
import { selectUserRows } from "@/lib/users/list-users";
import { runSweeps } from "@/lib/reports/sweeps";
import { makeCtx } from "@/lib/context";
import { saveRole } from "@/lib/roles/save-role";
import { resetData, testDatabase } from "./support/db";
import { actorWith, insertUser } from "./support/factories";

const t = testDatabase();
let admin: Awaited<ReturnType<typeof insertUser>>;
const asAdmin = () => makeCtx(t.db, { actor: { ...actorWith("all", admin.id), name: "Ada Admin", username: "ada" } as never });

beforeEach(async () => {
  await resetData(t.db);
  await t.db.execute(sql`truncate import_jobs, import_header_mappings cascade`);
  admin = await insertUser(t.db, { roleKey: "administrator", firstName: "Ada", lastName: "Admin", username: "ada" });
});

const HEADER: string[] = IMPORT_COLUMNS.map((c) => c.header);
const csv = (rows: (string | undefined)[][], header = HEADER, sep = ",") =>
  Buffer.from(
    [header, ...rows]
      .map((r) => r.map((c) => ((c ?? "").includes(sep) || (c ?? "").includes('"') ? `"${(c ?? "").replace(/"/g, '""')}"` : (c ?? ""))).join(sep))
      .join("\r\n"),
  );
/** A template row from a few fields. */
const row = (fields: Record<string, string>) => IMPORT_COLUMNS.map((c) => fields[c.field] ?? "");

async function importFile(bytes: Buffer, name = "people.csv", ctx = asAdmin()) {
  const { id } = await startImport({ ctx, input: { fileName: name, bytes } });
  await runImportJobs(t.db, "test-worker");
  return getImport({ ctx, input: { jobId: id } });
}

/** Runs the waiting import jobs while inserting the user ana3 raises `raise` (a fault in the real database). */
async function applyWhileInsertingAna3Raises(raise: string) {
  await t.db.execute(
    sql.raw(
      `create function fault_ana3() returns trigger language plpgsql as $$ begin if new.username = 'ana3' then raise ${raise}; end if; return new; end $$`,
    ),
  );
  await t.db.execute(sql.raw(`create trigger fault_ana3 before insert on users for each row execute function fault_ana3()`));
  try {
    await runImportJobs(t.db, "test-worker");
  } finally {
    await t.db.execute(sql.raw(`drop trigger fault_ana3 on users`));
    await t.db.execute(sql.raw(`drop function fault_ana3()`));
  }
}

async function problems(jobId: string) {
  const page = await importRowsPage({ ctx: asAdmin(), input: { jobId, action: "error" } });
  return Object.fromEntries(page.rows.map((r) => [r.rowNumber, (r.errors as { field: string; message: string }[]).map((e) => `${e.field}: ${e.message}`)]));
}

const basicRow = (n: number, extra: Record<string, string> = {}) =>
  row({ firstName: `Ana${n}`, lastName: "Ruiz", username: `ana${n}`, email: `ana${n}@example.com`, role: "Basic", ...extra });

describe("the file", () => {
  it("refuses what isn't CSV or .xlsx, an empty file, one over 20 MB, a duplicated header, one without headers and one with only headers", async () => {
    const start = (fileName: string, bytes: Buffer) => startImport({ ctx: asAdmin(), input: { fileName, bytes } });
    await expect(start("photo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]))).rejects.toThrow(/Upload a CSV file \(UTF-8\) or an Excel \.xlsx file/);
    await expect(start("people.csv", Buffer.alloc(0))).rejects.toThrow("The file is empty.");
    await expect(start("people.csv", Buffer.alloc(20 * 1024 * 1024 + 1, "a"))).rejects.toThrow(/larger than 20 MB/);
    await expect(start("people.csv", Buffer.from([0xff, 0xfe, 0x41, 0x00]))).rejects.toThrow(/Upload a CSV file/);
    await expect(start("people.csv", csv([], ["E-mail", "Name", "email"]))).rejects.toThrow(/The column “email” appears twice \(columns 1 and 3\)/);
    await expect(start("people.csv", csv([], ["E-mail", "Name"]))).rejects.toThrow(
      "The file has no users under its header row: add a row per user and upload again.",
    );
    await expect(start("people.csv", Buffer.from("E-mail,Name\r\n\r\n,\r\n"))).rejects.toThrow(/no users under its header row/);
    expect(await t.db.select().from(importJobs)).toEqual([]);
  });

  it("takes its own template as it is: the example names the organization's branch, or none", async () => {
    const bare = await importFile(Buffer.from(await importTemplate(asAdmin())), "template.csv");
    expect(bare.counts).toMatchObject({ create: 1, error: 0 });
    await resetData(t.db);
    admin = await insertUser(t.db, { roleKey: "administrator", firstName: "Ada", lastName: "Admin", username: "ada" });
    await t.db.insert(branches).values([{ name: "Panamá Oeste" }, { name: "Colón" }]);
    const template = await importTemplate(asAdmin());
    expect(template.split("\r\n")[1]).toContain(",Colón,");
    const named = await importFile(Buffer.from(template), "template.csv");
    expect(named.counts).toMatchObject({ create: 1, error: 0 });
  });

  it("reads every row whatever its line endings, mixed in one file too", async () => {
    const lines = [HEADER, basicRow(1), basicRow(2), basicRow(3)].map((r) => r.join(","));
    const mixed = `${lines[0]}\r\n${lines[1]}\n${lines[2]}\r${lines[3]}\n`;
    expect((await importFile(Buffer.from(mixed))).counts).toMatchObject({ create: 3, error: 0 });
  });

  it("refuses broken quoting, and fails a file of more than 50,000 rows, with the reason and nothing staged", async () => {
    await expect(
      startImport({ ctx: asAdmin(), input: { fileName: "people.csv", bytes: Buffer.from(`${HEADER.join(",")}\r\nAna,"Ruiz,ana1,ana1@example.com\r\n`) } }),
    ).rejects.toThrow(/not valid CSV at line \d: a quoted cell is never closed/);
    // A quote in the middle of an unquoted cell (a formula pasted as text) is the file's problem too, not a 500.
    await expect(
      startImport({
        ctx: asAdmin(),
        input: {
          fileName: "people.csv",
          bytes: Buffer.from(`${HEADER.join(",")}\r\nAna,Ruiz,ana1,ana1@example.com\r\n=HYPERLINK("http://evil"),+cmd,x,y\r\n`),
        },
      }),
    ).rejects.toThrow(/not valid CSV at line 3: a quote opens in the middle of a cell/);
    const lines = [HEADER.join(",")];
    for (let i = 0; i < 50_001; i++) lines.push(`A,B,u${i},u${i}@example.com`);
    const big = await importFile(Buffer.from(lines.join("\n")));
    expect(big.status).toBe("failed");
    expect(big.error).toBe("The file has more than 50,000 rows: split it into smaller files.");
    expect(await t.db.select({ n: sql<number>`count(*)::int` }).from(importRows)).toEqual([{ n: 0 }]);
  }, 60_000);

  it("reads .xlsx (first sheet, dates as dates) and refuses a zip that would unpack too large", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("People");
    ws.addRow(["Correo", "Nombre", "Apellido", "Usuario", "Rol", "Fecha de nacimiento"]);
    ws.addRow(["lu@example.com", "Lucía", "Núñez", "lucia", "Basic", new Date(Date.UTC(1990, 4, 17))]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const job = await importFile(bytes, "gente.xlsx");
    expect(job.mapping).toEqual(["email", "firstName", "lastName", "username", "role", "birthday"]);
    expect(job).toMatchObject({ status: "previewed", counts: { create: 1, error: 0 } });
    const [staged] = (await importRowsPage({ ctx: asAdmin(), input: { jobId: job.id } })).rows;
    expect(staged.changes).toMatchObject({ birthday: "1990-05-17", firstName: "Lucía" });

    // The central directory says one entry unpacks to 200 MB.
    const bomb = Buffer.from(bytes);
    const eocd = bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    bomb.writeUInt32LE(200 * 1024 * 1024, bomb.readUInt32LE(eocd + 16) + 24);
    await expect(startImport({ ctx: asAdmin(), input: { fileName: "bomb.xlsx", bytes: bomb } })).rejects.toThrow(/unpacks to more than 100 MB/);
  });
});

describe("mapping", () => {
  it("asks when headers don't match, and remembers the answer for the next file", async () => {
    const file = csv([["maria@example.com", "María", "López", "mlopez", "Basic"]], ["Mail del trabajo", "Nombre", "Apellido", "Usuario", "Rol"], ";");
    const first = await importFile(file);
    expect(first.status).toBe("mapping");
    expect(first.mapping).toEqual([null, "firstName", "lastName", "username", "role"]);
    await expect(
      saveImportSettings({ ctx: asAdmin(), input: { jobId: first.id, mapping: ["firstName", "firstName", "lastName", "username", "role"] } }),
    ).rejects.toMatchObject({
      fieldErrors: { mapping: ["Two columns are mapped to First name: map it once."] },
    });
    await saveImportSettings({ ctx: asAdmin(), input: { jobId: first.id, mapping: ["email", "firstName", "lastName", "username", "role"] } });
    await runImportJobs(t.db, "test-worker");
    expect(await getImport({ ctx: asAdmin(), input: { jobId: first.id } })).toMatchObject({ status: "previewed", counts: { create: 1 } });
    const second = await importFile(file);
    expect(second.status).toBe("previewed");
    expect(second.mapping[0]).toBe("email");
  });
});

describe("the rejected rows' file", () => {
  const download = async (jobId: string, locale?: string) => new Response((await rejectedRowsCsv({ ctx: asAdmin(), input: { jobId, locale } })).stream).text();

  it("is in the reader's language, and once fixed goes straight back in: its row and reason columns need no mapping", async () => {
    const job = await importFile(csv([basicRow(1), basicRow(2, { role: "Wizard" }), basicRow(3, { email: "not-an-email" })]));
    expect(job.counts).toMatchObject({ create: 1, error: 2 });

    const english = await download(job.id);
    expect(english.split("\r\n")[0]).toBe([...HEADER, "Row", "Reason"].join(","));
    expect(english).toContain("Role: There is no role named “Wizard”.");

    const spanish = await download(job.id, "es");
    const [head, ...lines] = spanish.split("\r\n").filter(Boolean);
    expect(head.endsWith(",Fila,Motivo")).toBe(true);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(",3,Rol: No hay ningún rol llamado “Wizard”.");
    expect(lines[1]).toMatch(/,4,"?Correo electrónico: /);
    await expect(download(job.id, "fr")).rejects.toMatchObject({ fieldErrors: { locale: [expect.any(String)] } });

    // Fixed in a spreadsheet and uploaded as it is: checked at once, the two added columns ignored.
    const fixed = await importFile(Buffer.from(spanish.replace("Wizard", "Basic").replace("not-an-email", "ana3@example.com")));
    expect(fixed.status).toBe("previewed");
    expect(fixed.mapping.slice(-2)).toEqual([null, null]);
    expect(fixed.counts).toMatchObject({ create: 2, error: 0 });
  });

  it("a column the file itself doesn't know still asks for a mapping", async () => {
    const job = await importFile(csv([[...basicRow(1), "x"]], [...HEADER, "Notes"]));
    expect(job.status).toBe("mapping");
  });
});

describe("the dry run", () => {
  it("names every kind of error with its row and column, and writes no user", async () => {
    await insertUser(t.db, { username: "taken", email: "taken@example.com" });
    await insertUser(t.db, { username: "other", email: "other@example.com" });
    const upd = await insertUser(t.db, { username: "upd", email: "upd@example.com", firstName: "Ursula", lastName: "Pardo" });
    await insertUser(t.db, { username: "same", email: "same@example.com" });
    const rows = [
      basicRow(1), // 2: fine
      basicRow(2, { email: "not-an-email" }), // 3
      basicRow(3, { status: "Active" }), // 4: new Active without invitation
      basicRow(4, { role: "Wizard" }), // 5
      basicRow(5, { branch: "Colón" }), // 6: unknown branch
      basicRow(1, { username: "ana1b" }), // 7: duplicate of row 2 (e-mail)
      basicRow(7, { phone: "+507 123", country: "PA" }), // 8
      row({ email: "taken@example.com", username: "other", firstName: "X" }), // 9: e-mail one user, username another
      basicRow(9, { firstName: '=HYPERLINK("http://evil")' }), // 10: formula
      basicRow(10, { lastName: "Ru\uFEFFiz" }), // 11: BOM in the middle
      basicRow(11, { position: "x".repeat(10_000) }), // 12
      basicRow(12, { birthday: "1999-02-30" }), // 13
      row({ email: "upd@example.com", position: "Boss" }), // 14: an update
      row({ email: "same@example.com" }), // 15: unchanged
    ];
    // 16: a comma left unquoted pushes a cell past the last column (trailing empty cells are fine).
    const job = await importFile(
      Buffer.concat([
        csv(rows),
        Buffer.from(
          `\r\n${
            csv([basicRow(13)])
              .toString()
              .split("\r\n")[1]
          },Sales,x\r\n`,
        ),
      ]),
    );
    expect(job.counts).toMatchObject({ create: 1, update: 1, unchanged: 1, error: 12 });
    expect(await problems(job.id)).toEqual({
      3: ["email: Enter a valid e-mail address, like name@example.com."],
      4: ["status: A new user can't be Active without a password or an invitation: leave it Pending, or send invitations."],
      5: ["role: There is no role named “Wizard”."],
      6: ["branch: There is no branch named “Colón”: create it, or choose to create missing ones."],
      7: ["row: The same e-mail or username as row 2."],
      8: ["phone: This is not a valid phone number for its country: start with + and the country code."],
      9: ["row: The e-mail belongs to taken and the username to another user (other)."],
      10: ["firstName: This cell is a formula: replace it with its value."],
      11: ["lastName: This cell holds a byte-order mark (U+FEFF): were two files joined? Remove it."],
      12: ["position: This cell has more than 1,000 characters."],
      13: ["birthday: Write the date as YYYY-MM-DD, a day that exists."],
      16: [`row: This row has ${HEADER.length + 2} cells where the header has ${HEADER.length}: put quotes around a cell that holds a comma.`],
    });
    expect(await t.db.select({ n: sql<number>`count(*)::int` }).from(users)).toEqual([{ n: 5 }]);
    // A row that matched an account names the account as it is, not as the file does (here, not at all).
    const updates = await importRowsPage({ ctx: asAdmin(), input: { jobId: job.id, action: "update" } });
    expect(updates.rows.map((r) => [r.rowNumber, r.account])).toEqual([[14, { id: upd.id, name: "Ursula Pardo", username: "upd" }]]);
    expect((await importRowsPage({ ctx: asAdmin(), input: { jobId: job.id, action: "create" } })).rows[0].account).toBeNull();

    // Offered: create the missing branch.
    await saveImportSettings({ ctx: asAdmin(), input: { jobId: job.id, mapping: job.mapping.map((m) => m ?? ""), createMissingUnits: true } });
    await runImportJobs(t.db, "test-worker");
    const again = await getImport({ ctx: asAdmin(), input: { jobId: job.id } });
    expect(again.counts).toMatchObject({ create: 2, error: 11, unitsToCreate: { branches: ["Colón"], teams: [] } });
  });

  it("changes an existing user's role only for an importer with users.permissions", async () => {
    const perms = ["users.import", "users.update", "users.view", "users.create", "api.access"] as const;
    const { id: importers } = await saveRole({ ctx: asAdmin(), input: { name: "Importers without roles", description: "", permissions: [...perms] } });
    const importer = await insertUser(t.db, { roleKey: "basic", username: "importer" });
    await t.db.update(users).set({ roleId: importers }).where(eq(users.id, importer.id));
    const [one, two] = [await insertUser(t.db, { roleKey: "basic" }), await insertUser(t.db, { roleKey: "basic" })];
    const ctx = makeCtx(t.db, { actor: { ...actorWith([...perms], importer.id), name: "Imp", username: "importer" } as never });
    const job = await importFile(csv([row({ email: one.email, role: "API Basic" }), row({ email: two.email, position: "Clerk" })]), "people.csv", ctx);
    expect(await problems(job.id)).toEqual({ 2: ["role: Changing a user's role needs the permission Edit permissions."] });
    expect(job.counts).toMatchObject({ update: 1, error: 1 });
  });

  it("refuses postponing one's own expiration date, as changing one's own role, status or console access", async () => {
    await t.db.update(users).set({ accountExpiresOn: "2030-01-01" }).where(eq(users.id, admin.id));
    const job = await importFile(csv([row({ email: admin.email, accountExpiresOn: "2099-01-01" }), basicRow(1)]));
    expect(await problems(job.id)).toEqual({ 2: ["accountExpiresOn: You cannot remove or postpone your own expiration date."] });
    expect(job.counts).toMatchObject({ create: 1, error: 1 });
  });

  it("refuses a role the importer doesn't hold, and changing someone who outranks them", async () => {
    const perms = ["users.import", "users.update", "users.view", "users.create"] as const;
    const { id: importers } = await saveRole({ ctx: asAdmin(), input: { name: "Importers", description: "", permissions: [...perms] } });
    const manager = await insertUser(t.db, { roleKey: "basic", username: "manager" });
    await t.db.update(users).set({ roleId: importers }).where(eq(users.id, manager.id));
    const ctx = makeCtx(t.db, { actor: { ...actorWith([...perms], manager.id), name: "Manny", username: "manager" } as never });
    const job = await importFile(csv([basicRow(1, { role: "Administrator" }), row({ email: admin.email, position: "CEO" })]), "people.csv", ctx);
    const found = await problems(job.id);
    expect(found[2]).toEqual(["role: You can't give the role Administrator: it holds permissions you don't."]);
    expect(found[3][0]).toMatch(/^row: ada holds permissions you don't \(.+\): you can't change them\.$/);
  });
});

describe("applying", () => {
  it("creates and updates in one transaction, one audit event per user and one for the import, invitations paced", async () => {
    await t.db.update(settings).set({ value: 2 }).where(eq(settings.key, "import.invitationsPerMinute"));
    const existing = await insertUser(t.db, { username: "bea", email: "bea@example.com", position: "Cashier" });
    const rows = [1, 2, 3].map((n) => basicRow(n, { personalEmail: `ana${n}@home.example`, branch: "David" }));
    rows.push(row({ email: "bea@example.com", position: "Manager" }));
    const job = await importFile(csv(rows));
    await saveImportSettings({ ctx: asAdmin(), input: { jobId: job.id, mapping: job.mapping.map((m) => m ?? ""), invite: true, createMissingUnits: true } });
    await runImportJobs(t.db, "test-worker");
    await commitImport({ ctx: { ...asAdmin(), ip: "203.0.113.9", userAgent: "Firefox" }, input: { jobId: job.id } });
    await runImportJobs(t.db, "test-worker");
    const done = await getImport({ ctx: asAdmin(), input: { jobId: job.id } });
    expect(done).toMatchObject({ status: "committed", rowsApplied: 4, counts: { create: 3, update: 1, invited: 3 } });
    const created = await t.db
      .select({ status: users.status, branchId: users.branchId })
      .from(users)
      .where(sql`${users.username} like 'ana%'`);
    expect(created).toHaveLength(3);
    expect(new Set(created.map((u) => u.status))).toEqual(new Set(["pending"]));
    const [david] = await t.db.select().from(branches).where(eq(branches.name, "David"));
    expect(created.every((u) => u.branchId === david.id)).toBe(true);
    expect((await t.db.select({ position: users.position }).from(users).where(eq(users.id, existing.id)))[0].position).toBe("Manager");
    const events = await t.db.select({ action: auditEvents.action, ip: auditEvents.ip, userAgent: auditEvents.userAgent }).from(auditEvents);
    // The worker wrote them; they say where the apply was asked from, as the request would have.
    expect(new Set(events.map((e) => `${e.ip} ${e.userAgent}`))).toEqual(new Set(["203.0.113.9 Firefox"]));
    const actions = events.map((e) => e.action).sort();
    expect(actions.filter((a) => a === "user.created")).toHaveLength(3);
    expect(actions).toEqual(expect.arrayContaining(["users.imported", "user.updated", "branch.created", "user.invited"]));
    const [imported] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "users.imported"));
    expect(imported).toMatchObject({ targetType: "import", targetId: job.id, targetName: "people.csv", detail: { created: 3, updated: 1, invited: 3 } });
    // Two a minute: the three invitations go out 30 s apart.
    const due = (await t.db.select({ at: emailOutbox.nextAttemptAt }).from(emailOutbox).where(eq(emailOutbox.template, "invitation")))
      .map((e) => e.at.getTime())
      .sort();
    expect(due[1] - due[0]).toBe(30_000);
    expect(due[2] - due[1]).toBe(30_000);
  });

  it("a failure half-way leaves no user written and the job ready to try again", async () => {
    const job = await importFile(csv([basicRow(1), basicRow(2), basicRow(3)]));
    await commitImport({ ctx: asAdmin(), input: { jobId: job.id } });
    // The database refuses the third user at insert time (a fault injected in the real database).
    await applyWhileInsertingAna3Raises("exception 'disk full'");
    const after = await getImport({ ctx: asAdmin(), input: { jobId: job.id } });
    expect(after.status).toBe("previewed");
    expect(after.error).toMatch(/nothing was applied/);
    expect(await t.db.select({ n: sql<number>`count(*)::int` }).from(users)).toEqual([{ n: 1 }]);
    expect(await t.db.select().from(auditEvents).where(eq(auditEvents.action, "user.created"))).toEqual([]);
  });

  it("says so when an e-mail or username is taken while the file is being applied, and writes nothing", async () => {
    const job = await importFile(csv([basicRow(1), basicRow(2), basicRow(3)]));
    await commitImport({ ctx: asAdmin(), input: { jobId: job.id } });
    // After the check that users have not changed, someone takes ana3's address: the insert meets it.
    await applyWhileInsertingAna3Raises(`unique_violation using message = 'duplicate key value violates unique constraint "users_email_lower_key"'`);
    const after = await getImport({ ctx: asAdmin(), input: { jobId: job.id } });
    expect(after).toMatchObject({
      status: "previewed",
      error: "Someone took an e-mail or username of this file while it was being imported; nothing was applied. Check the file again to see which.",
    });
    expect(await t.db.select({ n: sql<number>`count(*)::int` }).from(users)).toEqual([{ n: 1 }]);
  });

  it("a job whose worker stopped is taken over by another; the state is the row, not a process", async () => {
    const { id } = await startImport({ ctx: asAdmin(), input: { fileName: "people.csv", bytes: csv([basicRow(1)]) } });
    await t.db
      .update(importJobs)
      .set({ claimedBy: "dead-instance", heartbeatAt: new Date(Date.now() - 10_000) })
      .where(eq(importJobs.id, id));
    expect(await runImportJobs(t.db, "another")).toBe(0); // its heartbeat is recent: still its own
    await t.db
      .update(importJobs)
      .set({ heartbeatAt: new Date(Date.now() - 60_000) })
      .where(eq(importJobs.id, id));
    expect(await runImportJobs(t.db, "another")).toBe(1);
    const [job] = await t.db.select({ status: importJobs.status, claimedBy: importJobs.claimedBy }).from(importJobs).where(eq(importJobs.id, id));
    expect(job).toEqual({ status: "previewed", claimedBy: "another" });
  });

  it("two overlapping imports never create the same user twice", async () => {
    const a = await importFile(csv([basicRow(1), basicRow(2)]), "a.csv");
    const b = await importFile(csv([basicRow(2), basicRow(3)]), "b.csv");
    await commitImport({ ctx: asAdmin(), input: { jobId: a.id } });
    await commitImport({ ctx: asAdmin(), input: { jobId: b.id } });
    await runImportJobs(t.db, "test-worker");
    expect((await getImport({ ctx: asAdmin(), input: { jobId: a.id } })).status).toBe("committed");
    const second = await getImport({ ctx: asAdmin(), input: { jobId: b.id } });
    expect(second.status).toBe("previewed");
    expect(second.error).toMatch(/Users changed since the preview \(row 2/);
    expect(
      await t.db
        .select({ n: sql<number>`count(*)::int` })
        .from(users)
        .where(eq(users.username, "ana2")),
    ).toEqual([{ n: 1 }]);
    // Checked again with the same columns (the page's "Check the file again"), it says what Import does now, and does it.
    await saveImportSettings({ ctx: asAdmin(), input: { jobId: b.id, mapping: second.mapping.map((m) => m ?? "") } });
    await runImportJobs(t.db, "test-worker");
    const again = await getImport({ ctx: asAdmin(), input: { jobId: b.id } });
    expect(again).toMatchObject({ status: "previewed", error: null, counts: { create: 1, unchanged: 1 } });
    await commitImport({ ctx: asAdmin(), input: { jobId: b.id } });
    await runImportJobs(t.db, "test-worker");
    expect((await getImport({ ctx: asAdmin(), input: { jobId: b.id } })).status).toBe("committed");
    expect(
      await t.db
        .select({ n: sql<number>`count(*)::int` })
        .from(users)
        .where(eq(users.username, "ana3")),
    ).toEqual([{ n: 1 }]);
  });
});

describe("discarding", () => {
  it("discards a checked import nobody applied: rows and file go, no user changes, one audit event, and it can't be applied", async () => {
    const job = await importFile(csv([basicRow(1)]), "never.csv");
    expect(job.status).toBe("previewed");
    await discardImport({ ctx: asAdmin(), input: { jobId: job.id } });
    const [row] = await t.db
      .select({ status: importJobs.status, file: importJobs.file, deleted: importJobs.fileDeletedAt })
      .from(importJobs)
      .where(eq(importJobs.id, job.id));
    expect(row.status).toBe("discarded");
    expect(row.file).toBeNull();
    expect(row.deleted).not.toBeNull();
    expect(await t.db.select().from(importRows).where(eq(importRows.jobId, job.id))).toEqual([]);
    expect(await t.db.select().from(users).where(eq(users.username, "ana1"))).toEqual([]);
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "users.import_discarded"));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ targetId: job.id, targetName: "never.csv" });
    await expect(commitImport({ ctx: asAdmin(), input: { jobId: job.id } })).rejects.toMatchObject({ code: "precondition_failed" });
    await expect(discardImport({ ctx: asAdmin(), input: { jobId: job.id } })).rejects.toMatchObject({ code: "precondition_failed" });
  });

  it("leaves an applied import alone, and refuses whoever may not import", async () => {
    const job = await importFile(csv([basicRow(2)]), "applied.csv");
    await commitImport({ ctx: asAdmin(), input: { jobId: job.id } });
    await runImportJobs(t.db, "test-worker");
    await expect(discardImport({ ctx: asAdmin(), input: { jobId: job.id } })).rejects.toMatchObject({ code: "precondition_failed" });
    const other = await importFile(csv([basicRow(3)]), "other.csv");
    const viewer = await insertUser(t.db, { roleKey: "basic" });
    await expect(discardImport({ ctx: makeCtx(t.db, { actor: actorWith(["users.view"], viewer.id) }), input: { jobId: other.id } })).rejects.toMatchObject({
      code: "forbidden",
    });
    expect((await getImport({ ctx: asAdmin(), input: { jobId: other.id } })).status).toBe("previewed");
  });
});

describe("whose import it is", () => {
  it("lets only its starter change its columns or apply it; another importer may discard it only when they hold all the starter holds", async () => {
    const job = await importFile(csv([basicRow(4, { role: "" })]), "ada.csv");
    const importer = await insertUser(t.db, { roleKey: "basic", firstName: "Lena", lastName: "Importer" });
    const lena = makeCtx(t.db, { actor: actorWith(["users.import", "users.view", "users.update", "users.create"], importer.id) });
    const said = `Only ${job.createdByName} can change or apply this import: they started it.`;
    await expect(saveImportSettings({ ctx: lena, input: { jobId: job.id, mapping: job.mapping.map((m) => m ?? ""), invite: "on" } })).rejects.toMatchObject({
      code: "forbidden",
      message: said,
    });
    await expect(commitImport({ ctx: lena, input: { jobId: job.id } })).rejects.toMatchObject({ code: "forbidden", message: said });
    await expect(discardImport({ ctx: lena, input: { jobId: job.id } })).rejects.toMatchObject({
      code: "forbidden",
      message: "You cannot discard the import of Ada Admin (ada): they hold permissions you do not.",
    });
    expect((await getImport({ ctx: asAdmin(), input: { jobId: job.id } })).status).toBe("previewed");
    expect(await t.db.select().from(users).where(eq(users.username, "ana4"))).toEqual([]);

    // Lena's own file is hers; an Administrator, who holds all she holds, may discard it but not apply it.
    const hers = await importFile(csv([basicRow(5)]), "lena.csv", lena);
    await expect(commitImport({ ctx: asAdmin(), input: { jobId: hers.id } })).rejects.toMatchObject({ code: "forbidden" });
    await discardImport({ ctx: asAdmin(), input: { jobId: hers.id } });
    expect((await getImport({ ctx: asAdmin(), input: { jobId: hers.id } })).status).toBe("discarded");
  });
});

describe("export order", () => {
  it("pages by keyset in the list's exact order, for every sort, across empty values", async () => {
    const [branch] = await t.db.insert(branches).values({ name: "David" }).returning();
    for (let i = 0; i < 7; i++)
      await insertUser(t.db, {
        username: `k${i}`,
        email: `k${i}@example.com`,
        phone: i % 3 ? `+5076123456${i}` : null,
        branchId: i % 2 ? branch.id : null,
        lastName: i < 3 ? "Same" : `L${i}`,
      });
    for (const sort of ["name", "username", "phone", "branch", "status", "registeredAt", "createdAt", "role"] as const)
      for (const dir of ["asc", "desc"] as const) {
        const listed = (await selectUserRows(t.db, { sort, dir, page: 1, pageSize: 100 } as never)).map((u) => u.username);
        const { stream } = await exportUsers({ ctx: asAdmin(), input: { sort, dir }, batchSize: 2 });
        const text = Buffer.from(await new Response(stream).arrayBuffer()).toString("utf8");
        const exported = text
          .trim()
          .split("\r\n")
          .slice(1)
          .map((l) => l.split(",")[2]);
        expect(exported, `${sort} ${dir}`).toEqual(listed);
      }
  });
});

describe("retention", () => {
  it("the daily sweep deletes uploaded files past the retention period and keeps the import's record", async () => {
    const job = await importFile(csv([basicRow(1)]));
    const sweep = (days: number) =>
      t.db.transaction((tx) => runSweeps(tx, makeCtx(t.db, { now: () => new Date(Date.now() + days * 86_400_000) }), { date: "2026-06-01", timeZone: "UTC" }));
    await sweep(29);
    expect((await t.db.select({ file: importJobs.file }).from(importJobs).where(eq(importJobs.id, job.id)))[0].file).not.toBeNull();
    await sweep(31);
    const [kept] = await t.db
      .select({ file: importJobs.file, deletedAt: importJobs.fileDeletedAt, status: importJobs.status })
      .from(importJobs)
      .where(eq(importJobs.id, job.id));
    expect(kept).toMatchObject({ file: null, status: "previewed", deletedAt: expect.any(Date) });
  });
});

describe("export", () => {
  it("exports the filtered list in the template's columns, escaped, and imports back as unchanged", async () => {
    await insertUser(t.db, {
      firstName: "=SUM(1)",
      lastName: "Formula",
      username: "formula",
      email: "formula@example.com",
      phone: "+50761234567",
      country: "PA",
    });
    await insertUser(t.db, {
      firstName: "Pedro",
      lastName: "Pérez, Jr.",
      username: "pedro",
      email: "pedro@example.com",
      phone: "+34612345678",
      status: "inactive",
      registeredAt: new Date("2025-01-02T03:04:05.678Z"),
      lastLoginAt: new Date("2026-02-03T04:05:06Z"),
      lastActivityAt: new Date("2026-02-03T05:06:07Z"),
      lockedAt: new Date("2026-05-06T00:00:00Z"),
      lockReason: "inactivity",
    });
    const { stream } = await exportUsers({ ctx: asAdmin(), input: { sort: "username" }, batchSize: 1 });
    const text = Buffer.from(await new Response(stream).arrayBuffer()).toString("utf8");
    const lines = text.split("\r\n");
    expect(lines[0]).toBe(`\uFEFF${[...HEADER, "Registered (UTC)", "Last sign-in (UTC)", "Last activity (UTC)", "Locked (UTC)", "Lock reason"].join(",")}`);
    // The account's record follows the template's columns; the import ignores it.
    expect(lines[2]).toMatch(/,,$/); // not locked
    expect(lines[3]).toMatch(/,2025-01-02 03:04:05,2026-02-03 04:05:06,2026-02-03 05:06:07,2026-05-06 00:00:00,inactivity$/);
    expect(lines[1]).toMatch(/^Ada,/);
    expect(lines[2]).toContain("'=SUM(1),Formula,formula,formula@example.com,,'+50761234567,");
    expect(lines[3]).toContain('Pedro,"Pérez, Jr.",pedro,pedro@example.com,,\'+34612345678');
    expect(lines[3]).toContain(",inactive,");
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "users.exported"));
    expect(event.detail).toMatchObject({ sort: "username" });

    const back = await importFile(Buffer.from(text));
    expect(back.counts).toMatchObject({ create: 0, update: 0, error: 0, unchanged: 3 });
  });
});
