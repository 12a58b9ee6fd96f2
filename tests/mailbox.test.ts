import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { emailOutbox } from "@/db/schema";
import { enqueueEmail } from "@/lib/email/enqueue";
import { listProblemDeliveries } from "@/lib/email/list-deliveries";
import { retryDelivery } from "@/lib/email/retry-delivery";
import { listMailbox, mailboxEnabled, readMailboxMessage } from "@/lib/email/list-mailbox";
import { renderEmail } from "@/lib/email/templates";
import EndOfDayReport from "@/emails/end-of-day-report";
import Invitation from "@/emails/invitation";
import Notice from "@/emails/notice";
import { resetData, testDatabase } from "./support/db";
import { actorWith, testCtx } from "./support/factories";

const t = testDatabase();
beforeEach(() => resetData(t.db));

describe("development mailbox", () => {
  it("lists kept messages and renders one with its clickable links, only for a person who holds every permission", async () => {
    const now = new Date();
    const id = await enqueueEmail(
      t.db,
      { address: "a@example.org", userId: null },
      { template: "invitation", props: { ...Invitation.PreviewProps, link: "http://rollcall.test/invite/abc" } },
      now,
    );
    const ctx = testCtx(t.db, { actor: actorWith("all") }).ctx;
    expect(mailboxEnabled()).toBe(true); // NODE_ENV=test
    expect((await listMailbox(ctx)).map((m) => m.id)).toEqual([id]);
    const message = await readMailboxMessage(ctx, id);
    expect(message.links).toContain("http://rollcall.test/invite/abc");
    expect(message.html).toContain("Complete registration");
    await expect(listMailbox(testCtx(t.db, { actor: actorWith([]) }).ctx)).rejects.toMatchObject({ code: "forbidden" });
    // Viewing users is not enough: the links inside sign in as anyone, an Administrator included.
    const helpDesk = testCtx(t.db, { actor: actorWith(["users.view", "users.update"]) }).ctx;
    await expect(listMailbox(helpDesk)).rejects.toMatchObject({ code: "forbidden" });
    await expect(readMailboxMessage(helpDesk, id)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("does not exist in production", () => {
    const previous = process.env.NODE_ENV;
    (process.env as Record<string, string>).NODE_ENV = "production";
    try {
      expect(mailboxEnabled()).toBe(false);
    } finally {
      (process.env as Record<string, string>).NODE_ENV = previous!;
    }
  });
});

describe("templates", () => {
  it("render every message in English and Spanish from their preview props", async () => {
    for (const lang of ["en", "es"] as const) {
      const report = await renderEmail({ template: "end_of_day_report", props: { ...EndOfDayReport.PreviewProps, lang } });
      expect(report.html).toContain(lang === "en" ? "Failed sign-ins" : "Inicios de sesión fallidos");
      for (const kind of ["welcome", "password_reset", "password_changed", "account_locked", "account_unblocked"] as const) {
        const { html, text } = await renderEmail({ template: "notice", props: { ...Notice.PreviewProps, kind, lang, link: "http://rollcall.test/x" } });
        expect(html).toContain(`lang="${lang}"`);
        expect(text.length).toBeGreaterThan(40);
      }
    }
  });
});

describe("problem deliveries", () => {
  it("shows failed messages with their last error and lets roles.manage retry them", async () => {
    const id = await enqueueEmail(t.db, { address: "b@example.org", userId: null }, { template: "notice", props: Notice.PreviewProps }, new Date());
    await t.db.update(emailOutbox).set({ status: "failed", attempts: 8, lastError: "application_error: boom" }).where(eq(emailOutbox.id, id));
    const ctx = testCtx(t.db, { actor: actorWith(["roles.manage"]) }).ctx;
    expect(await listProblemDeliveries(ctx)).toMatchObject([{ id, status: "failed", lastError: "application_error: boom" }]);
    await retryDelivery({ ctx, input: { id } });
    const [row] = await t.db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
    expect(row.status).toBe("pending");
    await expect(listProblemDeliveries(testCtx(t.db, { actor: actorWith(["users.view"]) }).ctx)).rejects.toMatchObject({ code: "forbidden" });
  });
});
