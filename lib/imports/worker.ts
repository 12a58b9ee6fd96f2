import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Database, Handle, Transaction } from "@/db/client";
import { database } from "@/db/connection";
import { auditEvents, branches, emailOutbox, importJobs, importRows, invitationTokens, teams, users } from "@/db/schema";
import { foldForSearch } from "../users/search";
import { auditRow, recordAudit } from "../audit/record-audit";
import { makeCtx, type Ctx, type UserActor } from "../context";
import { DomainError, isDomainError, uniqueViolation } from "../errors";
import { logger } from "../log";
import { findSessionUser, permissionsOfUser } from "../users/queries";
import { sendInvitation } from "../invitations/send-invitation";
import { revokeLinksToMovedAddresses, revokeOpenTokens } from "../tokens/tokens";
import { getSettings } from "../settings/get-settings";
import { lockAdministration } from "../permissions/guards";
import { checkRow, loadCheckContext, matchUsers, type CheckContext, type CheckedRow, type ImportOptions } from "./check";
import type { ImportField } from "./columns";
import type { ImportCounts } from "./jobs";
import { readRows, type FileType } from "./read-file";

const BATCH = 500;
const STALE_SECONDS = 30;
// Any constant: imports apply one at a time, so two overlapping files never create the same user twice.
const IMPORT_LOCK = 727_006;

const globalForWorker = globalThis as typeof globalThis & {
  __rollcallImportWorker?: string;
  __rollcallImportTimer?: NodeJS.Timeout;
  __rollcallImportRunning?: boolean;
};

/** This process's name on the jobs it claims (it identifies a worker; it holds no state). */
export function workerId(): string {
  return (globalForWorker.__rollcallImportWorker ??= `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`);
}

type Job = typeof importJobs.$inferSelect;

/**
 * Claims the oldest job waiting for a worker — one queued for a preview or a commit, or one whose
 * worker's heartbeat stopped — with SKIP LOCKED, so each job has one worker among all instances.
 */
async function claim(db: Database, me: string, now: Date): Promise<Job | null> {
  const stale = new Date(now.getTime() - STALE_SECONDS * 1000);
  const { rows } = await db.execute<{ id: string }>(sql`
    update import_jobs set claimed_by = ${me}, heartbeat_at = ${now}
    where id = (
      select id from import_jobs
      where status in ('previewing', 'committing') and (heartbeat_at is null or heartbeat_at < ${stale})
      order by created_at
      limit 1
      for update skip locked)
    returning id`);
  if (!rows[0]) return null;
  const [job] = await db.select().from(importJobs).where(eq(importJobs.id, rows[0].id));
  return job ?? null;
}

/** The importer, as they are now: the job runs with their current permissions, or not at all. */
async function importerOf(db: Handle, job: Job): Promise<UserActor> {
  const user = job.createdById ? await findSessionUser(db, job.createdById) : null;
  if (!user || user.status !== "active" || user.lockedAt) throw new DomainError("forbidden", "The person who started this import is no longer active.");
  return {
    kind: "user",
    userId: user.id,
    name: `${user.firstName} ${user.lastName}`,
    username: user.username,
    roleKey: user.roleKey,
    permissions: await permissionsOfUser(db, user.id, user.roleId, user.roleKey),
  };
}

class LostClaim extends Error {}

/** Progress, written only while this worker still holds the job. */
async function beat(db: Database, job: Job, me: string, set: Partial<typeof importJobs.$inferInsert>) {
  const updated = await db
    .update(importJobs)
    .set({ ...set, heartbeatAt: new Date() })
    .where(and(eq(importJobs.id, job.id), eq(importJobs.claimedBy, me)))
    .returning({ id: importJobs.id });
  if (!updated.length) throw new LostClaim();
}

type CellsRow = { rowNumber: number; cells: Partial<Record<ImportField, string>> };

/** Checks rows in order, finding duplicates inside the file (the first occurrence wins). */
class Checker {
  private readonly seen = new Map<string, number>();
  readonly removingAdministrators = new Set<number>();
  constructor(private readonly ctx: CheckContext) {}

  async check(db: Handle, rows: CellsRow[]): Promise<(CheckedRow & { rowNumber: number })[]> {
    const found = await matchUsers(
      db,
      this.ctx,
      rows.map((r) => r.cells),
    );
    return rows.map(({ rowNumber, cells }) => {
      const keys = [cells.email, cells.username].map((v) => v?.trim().toLowerCase()).filter((v): v is string => !!v);
      const duplicateOf = keys.map((k) => this.seen.get(k)).find((n) => n !== undefined) ?? null;
      for (const k of keys) if (!this.seen.has(k)) this.seen.set(k, rowNumber);
      const checked = checkRow(cells, this.ctx, found, duplicateOf);
      if (checked.removesAdministrator) this.removingAdministrators.add(rowNumber);
      return { ...checked, rowNumber };
    });
  }

  /** True when the rows that end someone's administration would end the last one's. */
  removesLastAdministrator(): boolean {
    return this.removingAdministrators.size > 0 && this.removingAdministrators.size >= this.ctx.administratorIds.size;
  }
}

const LAST_ADMIN: CheckedRow["errors"] = [{ field: "row", message: "This would leave no active Administrator." }];

function cellsOf(row: string[], mapping: (string | null)[]): Partial<Record<ImportField, string>> {
  const cells: Partial<Record<ImportField, string>> = {};
  mapping.forEach((field, i) => {
    if (field && row[i] !== undefined && row[i] !== "") cells[field as ImportField] = row[i];
  });
  return cells;
}

/**
 * The dry run: reads the file, checks each row as it goes, and stages it with its verdict in
 * batches of 500, reporting rows parsed, checked and staged. Nothing about a user is written.
 */
async function preview(db: Database, job: Job, me: string) {
  const actor = await importerOf(db, job);
  const options = job.options as ImportOptions;
  const checker = new Checker(await loadCheckContext(db, actor, options, new Date()));
  await db.delete(importRows).where(eq(importRows.jobId, job.id));
  const mapping = job.mapping as (string | null)[];
  let batch: CellsRow[] = [];
  let parsed = 0;
  let line = 0;
  const ragged = new Map<number, number>();
  const flush = async () => {
    if (!batch.length) return;
    const checked = await checker.check(db, batch);
    for (const [i, c] of checked.entries()) {
      const extra = ragged.get(batch[i].rowNumber);
      if (extra === undefined) continue;
      // Cells past the last column: a comma inside a cell without quotes shifts every cell after it,
      // so what the row would write is not what it says.
      c.action = "error";
      c.changes = null;
      c.errors.push({
        field: "row",
        message: `This row has ${extra} cells where the header has ${mapping.length}: put quotes around a cell that holds a comma.`,
      });
    }
    await db.insert(importRows).values(
      checked.map((c, i) => ({
        jobId: job.id,
        rowNumber: c.rowNumber,
        cells: batch[i].cells,
        action: c.action,
        userId: c.userId,
        changes: c.changes,
        errors: c.errors.length ? c.errors : null,
      })),
    );
    await beat(db, job, me, { rowsParsed: parsed, rowsChecked: parsed, rowsStaged: parsed });
    batch = [];
  };
  for await (const row of readRows(job.file!, job.fileType as FileType)) {
    line++;
    if (line === 1) continue; // the header row
    if (row.every((c) => c.trim() === "")) continue;
    parsed++;
    if (row.slice(mapping.length).some((c) => c.trim() !== "")) ragged.set(line, row.length);
    batch.push({ rowNumber: line, cells: cellsOf(row, mapping) });
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  if (checker.removesLastAdministrator())
    await db
      .update(importRows)
      .set({ action: "error", changes: null, errors: LAST_ADMIN })
      .where(and(eq(importRows.jobId, job.id), inArray(importRows.rowNumber, [...checker.removingAdministrators])));
  const counts = { ...(await countsOf(db, job.id)), fingerprint: await fingerprint(db, actor, options) };
  await beat(db, job, me, { status: "previewed", counts, updatedAt: new Date() });
}

async function countsOf(db: Handle, jobId: string): Promise<ImportCounts> {
  const rows = await db
    .select({ action: importRows.action, n: sql<number>`count(*)::int` })
    .from(importRows)
    .where(eq(importRows.jobId, jobId))
    .groupBy(importRows.action);
  const counts: ImportCounts = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const r of rows) counts[r.action as "create"] = r.n;
  counts.unitsToCreate = await unitsToCreate(db, jobId);
  return counts;
}

/** Branches and teams the file names that don't exist yet (created on apply when chosen). */
async function unitsToCreate(db: Handle, jobId: string) {
  const { rows } = await db.execute<{ kind: string; name: string }>(sql`
    select distinct kind, name from (
      select 'branch' as kind, coalesce(changes->'branchId'->>'create', changes->'branchId'->1->>'create') as name from import_rows where job_id = ${jobId} and action in ('create', 'update')
      union all
      select 'team', coalesce(changes->'teamId'->>'create', changes->'teamId'->1->>'create') from import_rows where job_id = ${jobId} and action in ('create', 'update')
    ) u where name is not null order by kind, name`);
  return { branches: rows.filter((r) => r.kind === "branch").map((r) => r.name), teams: rows.filter((r) => r.kind === "team").map((r) => r.name) };
}

/**
 * Everything a row's check reads, summed up: the users (how many, the latest change, how many are
 * locked), roles and their permissions, per-user permissions, branches, teams, and the importer's
 * permissions and options. The same at apply time as at the preview means the preview's verdicts
 * still hold, and the apply skips checking 50,000 rows again.
 */
async function fingerprint(db: Handle, actor: UserActor, options: ImportOptions): Promise<string> {
  const { rows } = await db.execute<Record<string, string>>(sql`
    select
      (select count(*) || ':' || coalesce(max(updated_at)::text, '') || ':' || coalesce(max(created_at)::text, '') || ':' || count(*) filter (where locked_at is not null) from users) as users,
      (select count(*) || ':' || coalesce(max(updated_at)::text, '') from roles) as roles,
      (select md5(coalesce(string_agg(role_id || permission, ',' order by role_id, permission), '')) from role_permissions) as role_permissions,
      (select md5(coalesce(string_agg(user_id || permission || effect, ',' order by user_id, permission), '')) from user_permissions) as user_permissions,
      (select count(*) || ':' || coalesce(max(updated_at)::text, '') from branches) as branches,
      (select count(*) || ':' || coalesce(max(updated_at)::text, '') from teams) as teams`);
  return JSON.stringify([rows[0], [...actor.permissions].sort(), options.invite, options.createMissingUnits]);
}

/** Who changed meanwhile: the preview is stale. */
class StalePreview extends DomainError {
  constructor(rowNumber: number) {
    super("precondition_failed", `Users changed since the preview (row ${rowNumber} would now do something else): preview again.`);
  }
}

/**
 * Applies the previewed rows in one transaction: the rows are checked again against the users as
 * they are now (under the import lock, so overlapping imports take turns), missing branches and
 * teams are created, new users inserted, changed users updated, one audit event per user and one for
 * the import, invitations queued at the configured pace. Any difference from the preview, or a
 * crash, leaves nothing written.
 */
async function apply(db: Database, job: Job) {
  const actor = await importerOf(db, job);
  const options = job.options as ImportOptions;
  const now = new Date();
  const result = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`);
    await tx.select({ id: importJobs.id }).from(importJobs).where(eq(importJobs.id, job.id)).for("update");
    await lockAdministration(tx);
    // The events name where the apply was asked from, as if the request had written them itself.
    const ctx: Ctx = makeCtx(tx as never, { actor, now: () => now, ip: job.committedIp, userAgent: job.committedUserAgent });
    const checker = new Checker(await loadCheckContext(tx, actor, options, now));
    const unchangedSincePreview = (job.counts as ImportCounts).fingerprint === (await fingerprint(tx, actor, options));
    const unitIds = { branch: new Map<string, string>(), team: new Map<string, string>() };
    let created = 0;
    let updated = 0;
    let invited = 0;
    const tokenIds: string[] = [];
    let after = 0;
    for (;;) {
      const staged = await tx
        .select({ rowNumber: importRows.rowNumber, cells: importRows.cells, action: importRows.action, userId: importRows.userId, changes: importRows.changes })
        .from(importRows)
        .where(and(eq(importRows.jobId, job.id), gt(importRows.rowNumber, after)))
        .orderBy(asc(importRows.rowNumber))
        .limit(BATCH);
      if (!staged.length) break;
      after = staged.at(-1)!.rowNumber;
      let checked: (CheckedRow & { rowNumber: number })[];
      if (unchangedSincePreview) {
        // Nothing a check reads has changed since the preview: its verdicts stand.
        checked = staged.map((r) => ({
          rowNumber: r.rowNumber,
          action: r.action as CheckedRow["action"],
          userId: r.userId,
          changes: r.changes as CheckedRow["changes"],
          errors: [],
        }));
      } else {
        checked = await checker.check(
          tx,
          staged.map((r) => ({ rowNumber: r.rowNumber, cells: r.cells as CellsRow["cells"] })),
        );
        for (const [i, c] of checked.entries()) if (c.action !== staged[i].action && staged[i].action !== "error") throw new StalePreview(c.rowNumber);
      }
      const unit = async (kind: "branch" | "team", value: unknown): Promise<string | null> => {
        if (!value || typeof value === "string") return (value as string | null) ?? null;
        const name = (value as { create: string }).create;
        const known = unitIds[kind].get(foldForSearch(name));
        if (known) return known;
        const table = kind === "branch" ? branches : teams;
        const [row] = await tx.insert(table).values({ name }).returning({ id: table.id });
        await recordAudit(tx, ctx, `${kind}.created`, { target: { type: kind, id: row.id, name }, detail: { import: job.id } });
        unitIds[kind].set(foldForSearch(name), row.id);
        return row.id;
      };
      const creates = checked.filter((c) => c.action === "create");
      if (creates.length) {
        const values = [];
        for (const c of creates) {
          const ch = c.changes as Record<string, unknown>;
          values.push({
            firstName: ch.firstName as string,
            lastName: ch.lastName as string,
            username: ch.username as string,
            email: ch.email as string,
            personalEmail: (ch.personalEmail as string) ?? null,
            phone: (ch.phone as string) ?? null,
            gender: (ch.gender as "female") ?? null,
            birthday: (ch.birthday as string) ?? null,
            country: (ch.country as string) ?? null,
            language: (ch.language as "en" | "es") ?? "en",
            position: (ch.position as string) ?? null,
            branchId: await unit("branch", ch.branchId),
            teamId: await unit("team", ch.teamId),
            roleId: ch.roleId as string,
            status: ch.status as "pending" | "inactive",
            accountExpiresOn: (ch.accountExpiresOn as string) ?? null,
            adminConsoleAccess: (ch.adminConsoleAccess as boolean) ?? false,
            sendEndOfDayReport: (ch.sendEndOfDayReport as boolean) ?? false,
            notifyGeneral: (ch.notifyGeneral as boolean) ?? true,
            notifyDomain: (ch.notifyDomain as boolean) ?? false,
            notifyInvoice: (ch.notifyInvoice as boolean) ?? false,
            notifyService: (ch.notifyService as boolean) ?? false,
            createdAt: now,
            updatedAt: now,
            updatedById: actor.userId,
          });
        }
        const inserted = await tx
          .insert(users)
          .values(values)
          .returning({ id: users.id, firstName: users.firstName, lastName: users.lastName, status: users.status });
        await tx.insert(auditEvents).values(
          inserted.map((u) =>
            auditRow(ctx, "user.created", {
              target: { type: "user", id: u.id, name: `${u.firstName} ${u.lastName}` },
              detail: { import: job.id, status: u.status, access: options.invite ? "invite" : "none" },
            }),
          ),
        );
        created += inserted.length;
        if (options.invite)
          for (const u of inserted) {
            if (u.status !== "pending") continue;
            const sent = await sendInvitation(tx, ctx, { userId: u.id, userName: `${u.firstName} ${u.lastName}`, method: "email" });
            tokenIds.push(sent.tokenId);
            invited++;
          }
      }
      for (const c of checked.filter((c) => c.action === "update")) {
        const changes = c.changes as Record<string, [unknown, unknown]>;
        const set: Record<string, unknown> = {};
        for (const [field, [, value]] of Object.entries(changes))
          set[field] = field === "branchId" || field === "teamId" ? await unit(field === "branchId" ? "branch" : "team", value) : value;
        const deactivating = changes.status?.[1] === "inactive";
        const endsSessions = deactivating || changes.adminConsoleAccess?.[1] === false;
        const [u] = await tx
          .update(users)
          .set({
            ...set,
            updatedAt: now,
            updatedById: actor.userId,
            version: sql`${users.version} + 1`,
            ...(endsSessions ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}),
          })
          .where(eq(users.id, c.userId!))
          .returning({ firstName: users.firstName, lastName: users.lastName });
        const target = { type: "user" as const, id: c.userId!, name: `${u.firstName} ${u.lastName}` };
        await recordAudit(tx, ctx, "user.updated", { target, detail: { changes, import: job.id } });
        // As an edit: the links mailed to a moved address end, and a deactivation ends them all.
        await revokeLinksToMovedAddresses(tx, c.userId!, changes, now);
        if (deactivating) {
          await revokeOpenTokens(tx, c.userId!, ["reset_password", "change_email", "set_password", "invite"], now);
          await recordAudit(tx, ctx, "user.deactivated", { target, detail: { import: job.id } });
        }
        if (changes.status?.[1] === "active") await recordAudit(tx, ctx, "user.reactivated", { target, detail: { import: job.id } });
        updated++;
      }
    }
    if (!unchangedSincePreview && checker.removesLastAdministrator())
      throw new DomainError("precondition_failed", "This import would leave no active Administrator: preview again.");
    if (tokenIds.length) await paceInvitations(tx, tokenIds, now);
    const counts = { ...(job.counts as ImportCounts), invited };
    await recordAudit(tx, ctx, "users.imported", {
      target: { type: "import", id: job.id, name: job.fileName },
      detail: { created, updated, unchanged: counts.unchanged ?? 0, rejected: counts.error ?? 0, invited },
    });
    await tx
      .update(importJobs)
      .set({ status: "committed", rowsApplied: created + updated, counts, finishedAt: now, updatedAt: now, heartbeatAt: now })
      .where(eq(importJobs.id, job.id));
    return { created, updated, invited };
  });
  // Fresh statistics after a large write, so the planner keeps using the search index (PGlite has
  // no autovacuum; on PostgreSQL this only comes sooner than autovacuum would).
  if (result.created + result.updated >= 1000) await db.execute(sql`analyze users`);
  return result;
}

/**
 * Spreads an import's invitation e-mails over time at `import.invitationsPerMinute`, after any
 * invitations already waiting, so the pace holds however many instances send.
 */
async function paceInvitations(tx: Transaction, tokenIds: string[], now: Date) {
  const perMinute = (await getSettings(tx))["import.invitationsPerMinute"];
  const { rows } = await tx.execute<{ last: Date | string | null }>(
    sql`select max(next_attempt_at) as last from email_outbox where template = 'invitation' and status = 'pending' and next_attempt_at > ${now}`,
  );
  const start = Math.max(now.getTime(), rows[0]?.last ? new Date(rows[0].last).getTime() : 0);
  const gapMs = 60_000 / perMinute;
  const emails = await tx.select({ emailId: invitationTokens.emailId }).from(invitationTokens).where(inArray(invitationTokens.id, tokenIds));
  for (const [i, e] of emails.entries())
    if (e.emailId)
      await tx
        .update(emailOutbox)
        .set({ nextAttemptAt: new Date(start + i * gapMs) })
        .where(eq(emailOutbox.id, e.emailId));
}

async function fail(db: Database, job: Job, me: string, message: string, status: "failed" | "previewed" = "failed") {
  if (status === "failed") await db.delete(importRows).where(eq(importRows.jobId, job.id));
  await db
    .update(importJobs)
    .set({ status, error: message, finishedAt: status === "failed" ? new Date() : null, updatedAt: new Date() })
    .where(and(eq(importJobs.id, job.id), eq(importJobs.claimedBy, me)));
}

/**
 * Works through every job waiting for a worker, one at a time, until none is left. Any instance may
 * run it at any moment; SKIP LOCKED and the heartbeat share the jobs out.
 */
export async function runImportJobs(db: Database, me = workerId()): Promise<number> {
  let done = 0;
  for (let job = await claim(db, me, new Date()); job; job = await claim(db, me, new Date())) {
    try {
      if (job.status === "previewing") await preview(db, job, me);
      else await apply(db, job);
    } catch (error) {
      if (error instanceof LostClaim) continue;
      if (isDomainError(error)) {
        // A stale preview goes back to the preview, with the reason; a file that can't be read fails.
        await fail(db, job, me, error.message, job.status === "committing" ? "previewed" : "failed");
      } else if (job.status === "committing" && uniqueViolation(error) !== null) {
        // Someone took an e-mail or username of the file while it was being applied (after the
        // check that users had not changed): nothing was written, and checking again finds whom.
        await fail(
          db,
          job,
          me,
          "Someone took an e-mail or username of this file while it was being imported; nothing was applied. Check the file again to see which.",
          "previewed",
        );
      } else {
        logger().error({ event: "import.failed", jobId: job.id, err: error }, "an import job failed");
        await fail(
          db,
          job,
          me,
          "The import stopped on an unexpected error; nothing was applied. Try again, or split the file.",
          job.status === "committing" ? "previewed" : "failed",
        );
      }
    }
    done++;
  }
  return done;
}

/** Runs the waiting jobs soon, in the background of this process (after an upload, a mapping or a commit). */
export function kickImports(db: () => Promise<Database> = database): void {
  if (globalForWorker.__rollcallImportRunning) return;
  globalForWorker.__rollcallImportRunning = true;
  void db()
    .then((d) => runImportJobs(d))
    .catch((error: unknown) => logger().error({ event: "import.run_failed", err: error }, "import worker run failed"))
    .finally(() => {
      globalForWorker.__rollcallImportRunning = false;
    });
}

/** Looks for waiting or abandoned jobs every few seconds (started once per server process). */
export function startImportWorker(db: () => Promise<Database> = database, intervalMs = 3_000): void {
  if (globalForWorker.__rollcallImportTimer) return;
  globalForWorker.__rollcallImportTimer = setInterval(() => kickImports(db), intervalMs);
  globalForWorker.__rollcallImportTimer.unref();
}
