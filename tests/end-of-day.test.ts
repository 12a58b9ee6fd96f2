import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { openPostgres } from "@/db/client";
import { auditEvents, emailOutbox, invitationTokens, reportRuns, settings, userPermissions, users } from "@/db/schema";
import { makeCtx, SYSTEM_ACTOR } from "@/lib/context";
import { buildDailyReport } from "@/lib/reports/build-report";
import { assertCronAuthorized } from "@/lib/reports/cron-auth";
import { reportEligibility, reportRecipients } from "@/lib/reports/recipients";
import { dayBounds, dayThatJustEnded } from "@/lib/reports/report-day";
import { runEndOfDay } from "@/lib/reports/run-end-of-day";
import { getReport } from "@/lib/reports/read-reports";
import { readGeneralSettings, updateGeneralSettings } from "@/lib/settings/update-general-settings";
import { resetData, testDatabase } from "./support/db";
import { actorWith, insertUser, testCtx } from "./support/factories";

const t = testDatabase();
const DAY = "2026-06-01";
const ZONE = "America/Panama"; // UTC−5, no daylight saving time
const NOW = new Date("2026-06-02T06:00:00Z"); // 01:00 on June 2 in Panama: June 1 has just ended

function system(db = t.db) {
  return makeCtx(db, { actor: SYSTEM_ACTOR, now: () => NOW });
}

async function event(action: string, at: string, extra: Partial<typeof auditEvents.$inferInsert> = {}) {
  await t.db.insert(auditEvents).values({ action, at: new Date(at), actorKind: "user", ...extra });
}

beforeEach(async () => {
  await resetData(t.db);
  await t.db.update(settings).set({ value: ZONE }).where(eq(settings.key, "organization.timeZone"));
});

describe("the day", () => {
  it("is the organization's calendar day, and the one that just ended by default", () => {
    expect(dayBounds(DAY, ZONE)).toEqual({ start: new Date("2026-06-01T05:00:00Z"), end: new Date("2026-06-02T05:00:00Z") });
    expect(dayBounds("2026-03-08", "America/New_York").end.getTime() - dayBounds("2026-03-08", "America/New_York").start.getTime()).toBe(23 * 3600_000);
    // The calendar's last day has an end (a To filter of 9999-12-31 was a 500), and early years are read as written.
    expect(dayBounds("9999-12-31", "Pacific/Marquesas")).toEqual({ start: new Date("9999-12-31T09:30:00Z"), end: new Date("+010000-01-01T09:30:00Z") });
    expect(dayBounds("0050-01-01", "UTC").start.toISOString()).toBe("0050-01-01T00:00:00.000Z");
    expect(dayThatJustEnded(NOW, ZONE)).toBe(DAY);
    expect(dayThatJustEnded(new Date("2026-06-02T04:00:00Z"), ZONE)).toBe("2026-05-31");
  });
});

describe("the report", () => {
  it("counts the day's events in the organization's time zone, with who failed and who acted most", async () => {
    const admin = await insertUser(t.db, { roleKey: "administrator", firstName: "Ada", lastName: "Admin" });
    await event("user.created", "2026-06-01T05:00:00Z", { actorId: admin.id, actorName: "Ada Admin (ada)" }); // 00:00 local
    await event("user.created", "2026-06-02T04:59:59Z", { actorId: admin.id, actorName: "Ada Admin (ada)" }); // 23:59:59 local
    await event("user.created", "2026-06-01T04:59:59Z"); // May 31 local
    await event("user.created", "2026-06-02T05:00:00Z"); // June 2 local
    for (let i = 0; i < 3; i++) await event("auth.sign_in_failed", "2026-06-01T15:00:00Z", { targetName: "Pedro Pérez", actorKind: null });
    await event("auth.sign_in_failed", "2026-06-01T15:00:00Z", { targetName: "Lucía Núñez", actorKind: null });
    await event("user.locked", "2026-06-01T16:00:00Z", { detail: { reason: "failed_logins" }, actorKind: null });
    await event("user.locked", "2026-06-01T16:00:00Z", { detail: { reason: "inactivity", via: "sweep" }, actorKind: "system" });
    await event("auth.sign_in", "2026-06-01T12:00:00Z");
    await insertUser(t.db, { firstName: "Eva", lastName: "Expiring", accountExpiresOn: "2026-06-05" });
    await insertUser(t.db, { firstName: "Far", lastName: "Future", accountExpiresOn: "2026-07-30" });
    await insertUser(t.db, { firstName: "Paz", lastName: "Password", passwordChangedAt: new Date("2026-02-05T12:00:00Z") }); // 120 days → 2026-06-05
    // 120 days on is 02:00 on 6 June in UTC, 21:00 on 5 June where the report is read: said as the 5th.
    await insertUser(t.db, { firstName: "Zoe", lastName: "Zone", passwordChangedAt: new Date("2026-02-06T02:00:00Z") });
    await event("role.created", "2026-06-01T13:00:00Z");
    await event("role.deleted", "2026-06-01T13:30:00Z");

    const report = await buildDailyReport(t.db, { date: DAY, timeZone: ZONE, passwordMaxAgeDays: 120 });
    expect(report.counts).toMatchObject({ created: 2, failedSignIns: 4, locked: 2, signIns: 1, deleted: 0, rolesCreated: 1, roleChanges: 0, rolesDeleted: 1 });
    expect(report.lockedByReason).toEqual({ failed_logins: 1, inactivity: 1 });
    expect(report.mostFailed).toEqual([
      { name: "Pedro Pérez", count: 3 },
      { name: "Lucía Núñez", count: 1 },
    ]);
    expect(report.mostActiveAdministrators).toEqual([{ name: "Ada Admin (ada)", count: 2 }]);
    expect(report.accountsExpiring).toEqual([{ name: "Eva Expiring", on: "2026-06-05" }]);
    expect(report.passwordsExpiring).toEqual([
      { name: "Paz Password", on: "2026-06-05" },
      { name: "Zoe Zone", on: "2026-06-05" },
    ]);
  });

  it("counts the invitations open as the day ended, not those sent, used or revoked after it", async () => {
    const invitee = await insertUser(t.db, { status: "pending", passwordHash: null });
    const at = (iso: string) => new Date(iso);
    const later = at("2026-06-30T00:00:00Z");
    const token = (tokenHash: string, extra: Partial<typeof invitationTokens.$inferInsert>) =>
      t.db.insert(invitationTokens).values({ userId: invitee.id, purpose: "invite", tokenHash, delivery: "link", expiresAt: later, ...extra });
    await token("open", { createdAt: at("2026-06-01T10:00:00Z") });
    await token("used-next-day", { createdAt: at("2026-05-30T10:00:00Z"), usedAt: at("2026-06-02T09:00:00Z") });
    await token("expiring-soon", { createdAt: at("2026-06-01T10:00:00Z"), expiresAt: at("2026-06-03T00:00:00Z") });
    await token("sent-next-day", { createdAt: at("2026-06-02T09:00:00Z") });
    await token("sent-a-week-later", { createdAt: at("2026-06-08T09:00:00Z") });
    await token("used-that-day", { createdAt: at("2026-05-30T10:00:00Z"), usedAt: at("2026-06-01T09:00:00Z") });
    await token("revoked-that-day", { createdAt: at("2026-05-30T10:00:00Z"), revokedAt: at("2026-06-01T09:00:00Z") });
    const report = await buildDailyReport(t.db, { date: DAY, timeZone: ZONE, passwordMaxAgeDays: 0 });
    expect(report.invitationsOutstanding).toBe(3);
    expect(report.invitationsExpiringSoon).toBe(1);
  });
});

describe("recipients", () => {
  it("are the Active, unlocked, unexpired users who opted in and hold audit.view in the console — and the others are told why not", async () => {
    const admin = await insertUser(t.db, { roleKey: "administrator", sendEndOfDayReport: true });
    const basic = await insertUser(t.db, { roleKey: "basic", sendEndOfDayReport: true });
    const granted = await insertUser(t.db, { roleKey: "basic", sendEndOfDayReport: true });
    await t.db.insert(userPermissions).values({ userId: granted.id, permission: "audit.view", effect: "grant" });
    const inactive = await insertUser(t.db, { roleKey: "administrator", sendEndOfDayReport: true, status: "inactive" });
    const locked = await insertUser(t.db, { roleKey: "administrator", sendEndOfDayReport: true, lockedAt: new Date() });
    const quiet = await insertUser(t.db, { roleKey: "administrator", sendEndOfDayReport: false });
    // Without the console a person holds nothing; past their expiration date, they are no one's reader.
    const outside = await insertUser(t.db, { roleKey: "administrator", sendEndOfDayReport: true, adminConsoleAccess: false });
    const expired = await insertUser(t.db, { roleKey: "administrator", sendEndOfDayReport: true, accountExpiresOn: "2026-06-01" });
    const now = new Date("2026-06-01T12:00:00Z");
    expect((await reportRecipients(t.db, now)).map((r) => r.id).sort()).toEqual([admin.id, granted.id].sort());
    expect(await reportEligibility(t.db, admin.id, now)).toBe("receives");
    expect(await reportEligibility(t.db, basic.id, now)).toBe("no_audit_view");
    expect(await reportEligibility(t.db, inactive.id, now)).toBe("not_active");
    expect(await reportEligibility(t.db, locked.id, now)).toBe("not_active");
    expect(await reportEligibility(t.db, expired.id, now)).toBe("not_active");
    expect(await reportEligibility(t.db, outside.id, now)).toBe("no_console");
    expect(await reportEligibility(t.db, quiet.id, now)).toBe("not_opted_in");
  });
});

describe("the end-of-day run", () => {
  it("sweeps first: locks a user idle 91 days, records an invitation that expired that day", async () => {
    await insertUser(t.db, { roleKey: "administrator", lastLoginAt: new Date("2026-06-01T12:00:00Z") });
    const idle = await insertUser(t.db, { lastLoginAt: new Date(NOW.getTime() - 91 * 86_400_000) });
    const invitee = await insertUser(t.db, { status: "pending", passwordHash: null });
    await t.db
      .insert(invitationTokens)
      .values({ userId: invitee.id, purpose: "invite", tokenHash: "h1", delivery: "link", expiresAt: new Date("2026-06-01T20:00:00Z") });
    const result = await runEndOfDay({ ctx: system(), input: {} });
    expect(result).toMatchObject({ status: "sent", date: DAY, sweeps: { locked: 1, expiredInvitations: 1 } });
    const [row] = await t.db.select({ lockReason: users.lockReason }).from(users).where(eq(users.id, idle.id));
    expect(row.lockReason).toBe("inactivity");
    const expired = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "invitation.expired"));
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({ targetId: invitee.id, actorKind: "system" });
  });

  it("sends once per recipient, in their language, and a second call sends nothing more", async () => {
    await insertUser(t.db, { roleKey: "administrator", sendEndOfDayReport: true, language: "es", email: "ana@example.com" });
    await insertUser(t.db, { roleKey: "administrator", sendEndOfDayReport: true, language: "en", email: "bob@example.com" });
    expect(await runEndOfDay({ ctx: system(), input: {} })).toMatchObject({ status: "sent", recipients: 2 });
    expect(await runEndOfDay({ ctx: system(), input: { date: DAY } })).toEqual({ status: "already_sent", date: DAY });
    const mail = await t.db
      .select({ to: emailOutbox.toAddress, subject: emailOutbox.subject, language: emailOutbox.language })
      .from(emailOutbox)
      .orderBy(emailOutbox.toAddress);
    expect(mail).toEqual([
      { to: "ana@example.com", subject: expect.stringContaining("reporte de fin de día del 2026-06-01"), language: "es" },
      { to: "bob@example.com", subject: expect.stringContaining("end-of-day report for 2026-06-01"), language: "en" },
    ]);
    expect(await t.db.select({ status: reportRuns.status }).from(reportRuns)).toEqual([{ status: "done" }]);
  });

  it("reports a past day the cron missed, once; refuses a day that has not ended", async () => {
    await insertUser(t.db, { roleKey: "administrator", sendEndOfDayReport: true });
    expect(await runEndOfDay({ ctx: system(), input: { date: "2026-05-20" } })).toMatchObject({ status: "sent", date: "2026-05-20" });
    expect(await runEndOfDay({ ctx: system(), input: { date: "2026-05-20" } })).toMatchObject({ status: "already_sent" });
    await expect(runEndOfDay({ ctx: system(), input: { date: "2026-06-02" } })).rejects.toMatchObject({ code: "validation" });
    await expect(runEndOfDay({ ctx: system(), input: { date: "2026-02-30" } })).rejects.toMatchObject({ code: "validation" });
    // The report page says a day has not ended (not "page not found"); a malformed date is not found.
    const reader = testCtx(t.db, { actor: actorWith("all"), now: () => NOW }).ctx;
    await expect(getReport({ ctx: reader, input: { date: "2026-06-02" } })).rejects.toMatchObject({
      code: "precondition_failed",
      message: "That day has not ended yet.",
    });
    await expect(getReport({ ctx: reader, input: { date: "2026-02-30" } })).rejects.toMatchObject({ code: "validation" });
    expect(await getReport({ ctx: reader, input: { date: "2026-05-20" } })).toMatchObject({ sent: true });
    // Before 1970 there is no report (a 120-day look back from 0001-01-01 left PostgreSQL's calendar: a 500).
    for (const date of ["0001-01-01", "0001-01-02", "1969-12-31"])
      await expect(getReport({ ctx: reader, input: { date } }), date).rejects.toMatchObject({ code: "not_found" });
    expect(await getReport({ ctx: reader, input: { date: "1970-01-01" } })).toMatchObject({ sent: false });
  });

  it("after a crash part-way leaves nothing behind, and the next call sends to everyone exactly once", async () => {
    await insertUser(t.db, { roleKey: "administrator", sendEndOfDayReport: true });
    await insertUser(t.db, { roleKey: "administrator", sendEndOfDayReport: true });
    await expect(
      runEndOfDay(
        { ctx: system(), input: {} },
        {
          afterEnqueue: () => {
            throw new Error("the process died");
          },
        },
      ),
    ).rejects.toThrow("the process died");
    expect(await t.db.select().from(emailOutbox)).toHaveLength(0);
    expect(await t.db.select().from(reportRuns)).toHaveLength(0);
    expect(await runEndOfDay({ ctx: system(), input: {} })).toMatchObject({ status: "sent", recipients: 2 });
    expect(await t.db.select().from(emailOutbox)).toHaveLength(2);
  });

  it("runs once when two instances are called at the same moment", async () => {
    await insertUser(t.db, { roleKey: "administrator", sendEndOfDayReport: true });
    const url = t.conn.url;
    const other = url ? openPostgres(url, 2) : null; // a second instance's pool (PostgreSQL); PGlite has one connection
    try {
      const results = await Promise.all([runEndOfDay({ ctx: system(), input: {} }), runEndOfDay({ ctx: system(other?.db ?? t.db), input: {} })]);
      expect(results.map((r) => r.status).sort()).toEqual(["already_sent", "sent"]);
      expect(await t.db.select().from(emailOutbox)).toHaveLength(1);
    } finally {
      await other?.close();
    }
  });

  it("is run only by the scheduler or the command line", async () => {
    const admin = await insertUser(t.db, { roleKey: "administrator" });
    await expect(runEndOfDay({ ctx: testCtx(t.db, { actor: actorWith("all", admin.id) }).ctx, input: {} })).rejects.toMatchObject({ code: "forbidden" });
    expect(await runEndOfDay({ ctx: testCtx(t.db, { actor: actorWith("all"), now: () => NOW }).ctx, input: {} })).toMatchObject({ status: "sent" });
  });
});

describe("the organization's time zone", () => {
  it("is a setting an administrator changes, refused when it is not a real zone, and recorded", async () => {
    const admin = await insertUser(t.db, { roleKey: "administrator" });
    const ctx = testCtx(t.db, { actor: actorWith("all", admin.id) }).ctx;
    await expect(updateGeneralSettings({ ctx, input: { "organization.name": "Acme", "organization.timeZone": "Mars/Olympus" } })).rejects.toMatchObject({
      fieldErrors: { "organization.timeZone": ["Choose a time zone from the list."] },
    });
    expect(await updateGeneralSettings({ ctx, input: { "organization.name": "Acme", "organization.timeZone": "America/Bogota" } })).toEqual({ changed: 2 });
    expect(await readGeneralSettings({ ctx, input: {} })).toEqual({ name: "Acme", timeZone: "America/Bogota" });
    const [event] = await t.db.select({ detail: auditEvents.detail }).from(auditEvents).where(eq(auditEvents.action, "settings.updated"));
    expect(event.detail).toMatchObject({ changes: { "organization.timeZone": [ZONE, "America/Bogota"] } });
  });
});

describe("the scheduler's bearer token", () => {
  it("is compared in constant time; a missing secret is a clear 503", () => {
    expect(() => assertCronAuthorized("Bearer s3cret", undefined)).toThrow(
      expect.objectContaining({ code: "unavailable", message: expect.stringMatching(/CRON_SECRET/) }),
    );
    expect(() => assertCronAuthorized(null, "s3cret")).toThrow(expect.objectContaining({ code: "unauthenticated" }));
    expect(() => assertCronAuthorized("Bearer wrong", "s3cret")).toThrow(expect.objectContaining({ code: "unauthenticated" }));
    expect(() => assertCronAuthorized("Basic s3cret", "s3cret")).toThrow(expect.objectContaining({ code: "unauthenticated" }));
    expect(() => assertCronAuthorized("Bearer s3cret", "s3cret")).not.toThrow();
  });
});

void sql;
