import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { emailOutbox } from "@/db/schema";
import { backoffMs, deliverDueEmails, MAX_ATTEMPTS } from "@/lib/email/deliver";
import { enqueueEmail } from "@/lib/email/enqueue";
import type { EmailMessage } from "@/lib/email/templates";
import { resendTransport, type EmailTransport } from "@/lib/email/transport";
import { makeCtx } from "@/lib/context";
import { deleteUser } from "@/lib/users/delete-user";
import { resetData, testDatabase } from "./support/db";
import { actorWith, insertUser } from "./support/factories";
import { startFakeResend } from "./support/fake-resend";

const t = testDatabase();
let fake: Awaited<ReturnType<typeof startFakeResend>>;
let transport: EmailTransport;
const FROM = "Rollcall <rollcall@example.com>";

beforeAll(async () => {
  fake = await startFakeResend();
  transport = resendTransport("re_test_key", fake.url);
});
afterAll(() => fake.close());
beforeEach(async () => {
  await resetData(t.db);
  fake.delivered.length = 0;
  fake.requests.length = 0;
  fake.failNext(0);
});

const invitation: EmailMessage = {
  template: "invitation",
  props: {
    lang: "es",
    organization: "Acme",
    firstName: "María",
    inviter: "Ada",
    link: "http://rollcall.test/invite/SECRET-TOKEN-123",
    expiresOn: "2 Dec 2026",
  },
};

describe("e-mail outbox", () => {
  it("keeps the link sealed at rest, and sends once through the real SDK over HTTP, in the recipient's language", async () => {
    const now = new Date("2026-06-01T09:00:00Z");
    const id = await enqueueEmail(t.db, { address: "maria@example.org", userId: null }, invitation, now);
    const [row] = await t.db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
    expect(JSON.stringify(row.props)).not.toContain("SECRET-TOKEN");
    expect(row.subject).toBe("Ada te invitó a Acme");

    expect(await deliverDueEmails({ db: t.db, transport, from: FROM, now: () => now })).toEqual({ sent: 1, failed: 0 });
    expect(fake.delivered).toHaveLength(1);
    const [mail] = fake.delivered;
    expect(mail.authorization).toBe("Bearer re_test_key");
    expect(mail.idempotencyKey).toBe(`rollcall-outbox-${id}`);
    expect(mail.body).toMatchObject({ from: FROM, to: "maria@example.org", subject: "Ada te invitó a Acme" });
    expect(mail.body.html).toContain("http://rollcall.test/invite/SECRET-TOKEN-123");
    expect(mail.body.html).toContain("Completar registro");
    expect(mail.body.text).toContain("SECRET-TOKEN-123");

    // A second run finds nothing due: a message is sent once.
    expect(await deliverDueEmails({ db: t.db, transport, from: FROM, now: () => now })).toEqual({ sent: 0, failed: 0 });
    const [after] = await t.db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
    expect(after).toMatchObject({ status: "sent", attempts: 1, providerMessageId: "fake-1" });
  });

  it("retries after a 500 and after a timeout, with backoff, keeping the last error", async () => {
    let now = new Date("2026-06-01T09:00:00Z");
    const id = await enqueueEmail(t.db, { address: "maria@example.org", userId: null }, invitation, now);
    fake.failNext(1, "500");
    expect(await deliverDueEmails({ db: t.db, transport, from: FROM, now: () => now })).toEqual({ sent: 0, failed: 1 });
    let [row] = await t.db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row.lastError).toMatch(/Boom/);
    expect(row.nextAttemptAt.getTime()).toBe(now.getTime() + backoffMs(1));

    // Not due yet: nothing happens.
    expect(await deliverDueEmails({ db: t.db, transport, from: FROM, now: () => now })).toEqual({ sent: 0, failed: 0 });

    now = new Date(now.getTime() + backoffMs(1));
    fake.failNext(1, "hang");
    const slow = resendTransport("re_test_key", fake.url, 1_000);
    const started = Date.now();
    expect(await deliverDueEmails({ db: t.db, transport: slow, from: FROM, now: () => now })).toEqual({ sent: 0, failed: 1 });
    expect(Date.now() - started).toBeLessThan(5_000);
    [row] = await t.db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
    expect(row).toMatchObject({ status: "pending", attempts: 2 });
    expect(row.lastError).toMatch(/unable to fetch|abort|timeout/i);

    now = new Date(now.getTime() + backoffMs(2));
    expect(await deliverDueEmails({ db: t.db, transport, from: FROM, now: () => now })).toEqual({ sent: 1, failed: 0 });
    expect(fake.delivered).toHaveLength(1);
  }, 30_000);

  it("never sends twice when a crash lost the answer: the idempotency key makes the retry a no-op", async () => {
    const now = new Date("2026-06-01T09:00:00Z");
    const id = await enqueueEmail(t.db, { address: "maria@example.org", userId: null }, invitation, now);
    // The provider accepted the message but the process died before recording it.
    const crashing: EmailTransport = {
      name: "resend",
      async send(email) {
        await transport.send(email);
        throw new Error("process died before commit");
      },
    };
    await deliverDueEmails({ db: t.db, transport: crashing, from: FROM, now: () => now }).catch(() => {});
    await t.db.update(emailOutbox).set({ nextAttemptAt: now }).where(eq(emailOutbox.id, id));
    expect(await deliverDueEmails({ db: t.db, transport, from: FROM, now: () => now })).toEqual({ sent: 1, failed: 0 });
    expect(fake.requests.filter((r) => r.body.subject).length).toBe(2);
    expect(fake.delivered).toHaveLength(1);
  });

  it("loses nothing when the process dies between commit and delivery: the next run sends it", async () => {
    const now = new Date("2026-06-01T09:00:00Z");
    await t.db.transaction(async (tx) => {
      await enqueueEmail(tx, { address: "a@example.org", userId: null }, invitation, now);
    });
    // (no delivery ran: the process "died" here)
    expect(await deliverDueEmails({ db: t.db, transport, from: FROM, now: () => now })).toEqual({ sent: 1, failed: 0 });
  });

  it("writes nothing when the change that causes the message rolls back", async () => {
    const now = new Date();
    await t.db
      .transaction(async (tx) => {
        await enqueueEmail(tx, { address: "a@example.org", userId: null }, invitation, now);
        throw new Error("the change failed");
      })
      .catch(() => {});
    expect(await t.db.select().from(emailOutbox)).toHaveLength(0);
  });

  it("gives up after the last attempt and marks the message failed for administrators to see", async () => {
    const now = new Date("2026-06-01T09:00:00Z");
    const id = await enqueueEmail(t.db, { address: "a@example.org", userId: null }, invitation, now);
    await t.db
      .update(emailOutbox)
      .set({ attempts: MAX_ATTEMPTS - 1 })
      .where(eq(emailOutbox.id, id));
    fake.failNext(1, "500");
    await deliverDueEmails({ db: t.db, transport, from: FROM, now: () => now });
    const [row] = await t.db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
    expect(row.status).toBe("failed");
  });

  it("drops a deleted user's unsent mail, and keeps what was sent to them listed", async () => {
    const now = new Date("2026-06-01T09:00:00Z");
    const gone = await insertUser(t.db, { username: "leaving" });
    const stays = await insertUser(t.db, { username: "staying" });
    const sent = await enqueueEmail(t.db, { address: "leaving@example.org", userId: gone.id }, invitation, now);
    await deliverDueEmails({ db: t.db, transport, from: FROM, now: () => now });
    await enqueueEmail(t.db, { address: "leaving@example.org", userId: gone.id }, invitation, now);
    const other = await enqueueEmail(t.db, { address: "staying@example.org", userId: stays.id }, invitation, now);
    await deleteUser({ ctx: makeCtx(t.db, { actor: actorWith("all") }), input: { userId: gone.id } });
    const left = await t.db
      .select({ id: emailOutbox.id, status: emailOutbox.status, userId: emailOutbox.userId })
      .from(emailOutbox)
      .orderBy(emailOutbox.status);
    expect(left).toEqual([
      { id: other, status: "pending", userId: stays.id },
      { id: sent, status: "sent", userId: null },
    ]);
  });

  it("lets two senders at once deliver each message exactly once", async () => {
    const now = new Date("2026-06-01T09:00:00Z");
    for (let i = 0; i < 6; i++) await enqueueEmail(t.db, { address: `u${i}@example.org`, userId: null }, invitation, now);
    const second = t.conn.kind === "postgres" && t.conn.url ? (await import("@/db/client")).openPostgres(t.conn.url, 2) : null;
    const results = await Promise.all([
      deliverDueEmails({ db: t.db, transport, from: FROM, now: () => now }),
      deliverDueEmails({ db: second?.db ?? t.db, transport, from: FROM, now: () => now }),
    ]);
    await second?.close();
    expect(results[0].sent + results[1].sent).toBe(6);
    expect(new Set(fake.delivered.map((d) => d.body.to)).size).toBe(6);
    expect(fake.delivered).toHaveLength(6);
  });
});
