import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Handle } from "@/db/client";
import { importHeaderMappings, importJobs, importRows, users } from "@/db/schema";
import { auditAuthzFailures } from "../audit/authz-failures";
import { recordAudit } from "../audit/record-audit";
import { actingUserId, actorLabel, assertCan, type Ctx, type Verb } from "../context";
import { Forbidden, NotFound, PreconditionFailed, ValidationFailed } from "../errors";
import { outrankingUsers } from "../users/queries";
import { FormBoolean, parseInput } from "../validation";
import { IMPORT_COLUMNS, isImportField, mappingComplete, normalizeHeader, suggestMapping } from "./columns";
import { detectFileType, readHeaders } from "./read-file";

export type ImportStatus = "mapping" | "previewing" | "previewed" | "committing" | "committed" | "failed" | "discarded";

/** The job as pages show it: never the file's bytes. */
const JOB = {
  id: importJobs.id,
  createdById: importJobs.createdById,
  createdByName: importJobs.createdByName,
  fileName: importJobs.fileName,
  fileType: importJobs.fileType,
  fileSize: importJobs.fileSize,
  fileDeletedAt: importJobs.fileDeletedAt,
  status: importJobs.status,
  headers: importJobs.headers,
  mapping: importJobs.mapping,
  options: importJobs.options,
  rowsParsed: importJobs.rowsParsed,
  rowsStaged: importJobs.rowsStaged,
  rowsChecked: importJobs.rowsChecked,
  rowsApplied: importJobs.rowsApplied,
  counts: importJobs.counts,
  error: importJobs.error,
  createdAt: importJobs.createdAt,
  updatedAt: importJobs.updatedAt,
  finishedAt: importJobs.finishedAt,
};

export interface ImportCounts {
  create?: number;
  update?: number;
  unchanged?: number;
  error?: number;
  unitsToCreate?: { branches: string[]; teams: string[] };
  invited?: number;
  /** What the check read, at the preview (see the worker's fingerprint). */
  fingerprint?: string;
}

async function rememberedMappings(db: Handle): Promise<Map<string, string>> {
  const rows = await db.select({ header: importHeaderMappings.header, field: importHeaderMappings.field }).from(importHeaderMappings);
  return new Map(rows.map((r) => [r.header, r.field]));
}

export const StartImportInput = z.object({
  fileName: z.string().min(1, "Choose a file.").max(255, "The file name has at most 255 characters."),
  bytes: z.instanceof(Buffer),
});

/**
 * Starts an import from an uploaded file: checks its type, size and header row, suggests a mapping
 * (remembered from earlier imports, the template's headers, their synonyms) and keeps the file in
 * the job. Nothing about users is read or written yet. Caller needs users.import.
 */
export async function startImport({ ctx, input }: Verb<{ fileName: unknown; bytes: unknown }>) {
  return auditAuthzFailures(ctx, "import.start", async () => {
    assertCan(ctx.actor, "users.import");
    const { fileName, bytes } = parseInput(StartImportInput, input);
    const type = detectFileType(fileName, bytes);
    const { headers, sample } = await readHeaders(bytes, type, normalizeHeader);
    const mapping = suggestMapping(headers, await rememberedMappings(ctx.db));
    const status: ImportStatus = mappingComplete(mapping, headers) ? "previewing" : "mapping";
    const [job] = await ctx.db
      .insert(importJobs)
      .values({
        createdById: ctx.actor.kind === "user" ? ctx.actor.userId : null,
        createdByName: actorLabel(ctx.actor),
        fileName: fileName.replace(/[\u0000-\u001f\u007f]/g, "").slice(0, 255),
        fileType: type,
        fileSize: bytes.length,
        file: bytes,
        status,
        headers,
        mapping,
        options: { invite: false, createMissingUnits: false, sample },
        createdAt: ctx.now(),
        updatedAt: ctx.now(),
      })
      .returning({ id: importJobs.id });
    return { id: job.id, status };
  });
}

/** The import by its id; `lock`: its row locked for the transaction's change (settings, Import, Discard take turns). */
async function findJob(db: Handle, jobId: unknown, { lock = false } = {}) {
  const parsed = z.uuid().safeParse(jobId);
  const query = parsed.success ? db.select(JOB).from(importJobs).where(eq(importJobs.id, parsed.data)) : null;
  const [job] = query ? await (lock ? query.for("update") : query) : [];
  if (!job) throw NotFound("That import does not exist.");
  return {
    ...job,
    status: job.status as ImportStatus,
    headers: job.headers as string[],
    mapping: job.mapping as (string | null)[],
    counts: job.counts as ImportCounts,
  };
}

/** One import and where it stands. Caller needs users.import. */
export async function getImport({ ctx, input }: Verb<{ jobId: unknown }>) {
  return auditAuthzFailures(ctx, "getImport", async () => {
    assertCan(ctx.actor, "users.import");
    return findJob(ctx.db, input.jobId);
  });
}
export type ImportJob = Awaited<ReturnType<typeof getImport>>;

/** Every import, newest first (who, when, file, counts). Caller needs users.import. */
export async function listImports(ctx: Ctx) {
  return auditAuthzFailures(ctx, "listImports", async () => {
    assertCan(ctx.actor, "users.import");
    const rows = await ctx.db.select(JOB).from(importJobs).orderBy(desc(importJobs.createdAt)).limit(50);
    return rows.map((r) => ({ ...r, counts: r.counts as ImportCounts }));
  });
}

/**
 * What the actor may do with an import. Its preview was checked with its starter's permissions and it
 * is applied as them (worker.ts, importerOf), so only they change its columns or apply it: another
 * importer could otherwise map the Role column and apply someone else's file with an Administrator's
 * rights, in the Administrator's name. Discarding changes no user: its starter may, and so may anyone
 * who holds every permission they hold (a file left by someone who has gone).
 */
export async function importPowers(ctx: Ctx, job: Pick<ImportJob, "createdById">): Promise<{ mine: boolean; mayDiscard: boolean }> {
  const mine = job.createdById !== null && job.createdById === actingUserId(ctx.actor);
  if (mine || !job.createdById) return { mine, mayDiscard: true };
  const outranked = await outrankingUsers(ctx.db, ctx.actor!.permissions, [job.createdById]);
  return { mine, mayDiscard: !outranked.has(job.createdById) };
}

function assertStartedIt(ctx: Ctx, job: Pick<ImportJob, "createdById" | "createdByName">) {
  if (job.createdById === null || job.createdById !== actingUserId(ctx.actor))
    throw Forbidden(`Only ${job.createdByName} can change or apply this import: they started it.`);
}

export const ImportSettingsInput = z.object({
  jobId: z.uuid("Unknown import."),
  mapping: z.array(z.string().max(40)).max(200),
  invite: FormBoolean,
  createMissingUnits: FormBoolean,
});
export type ImportSettingsInput = { jobId: unknown; mapping: unknown; invite?: unknown; createMissingUnits?: unknown };

/**
 * Sets what each column means and the options, and (re)starts the dry run. Each field once; the
 * e-mail or the username must be among them. The mapping is remembered for the next file with the
 * same headers. Caller needs users.import and started the import (importPowers).
 */
export async function saveImportSettings({ ctx, input }: Verb<ImportSettingsInput>) {
  return auditAuthzFailures(ctx, "import.settings", async () => {
    assertCan(ctx.actor, "users.import");
    const data = parseInput(ImportSettingsInput, input);
    return ctx.db.transaction(async (tx) => {
      const job = await findJob(tx, data.jobId, { lock: true });
      assertStartedIt(ctx, job);
      if (!["mapping", "previewed", "failed"].includes(job.status))
        throw PreconditionFailed("This import is running or finished: its settings can't change now.");
      const headers = job.headers as string[];
      if (data.mapping.length !== headers.length) throw ValidationFailed({ mapping: ["Choose a field, or Ignore, for every column."] });
      const mapping = data.mapping.map((m) => (m === "" ? null : m));
      const unknown = mapping.filter((m) => m !== null && !isImportField(m));
      if (unknown.length) throw ValidationFailed({ mapping: [`Unknown field: ${unknown[0]}.`] });
      const chosen = mapping.filter((m): m is string => m !== null);
      const twice = chosen.find((m, i) => chosen.indexOf(m) !== i);
      if (twice) {
        const label = IMPORT_COLUMNS.find((c) => c.field === twice)!.header;
        throw ValidationFailed({ mapping: [`Two columns are mapped to ${label}: map it once.`] });
      }
      if (!chosen.includes("email") && !chosen.includes("username"))
        throw ValidationFailed({ mapping: ["Map a column to E-mail or Username: they find existing users."] });
      const now = ctx.now();
      await tx
        .update(importJobs)
        .set({
          mapping,
          options: { ...(job.options as object), invite: data.invite, createMissingUnits: data.createMissingUnits },
          status: "previewing",
          error: null,
          claimedBy: null,
          heartbeatAt: null,
          rowsParsed: 0,
          rowsStaged: 0,
          rowsChecked: 0,
          counts: {},
          updatedAt: now,
        })
        .where(eq(importJobs.id, job.id));
      for (const [i, field] of mapping.entries())
        if (field && headers[i])
          await tx
            .insert(importHeaderMappings)
            .values({ header: normalizeHeader(headers[i]), field, updatedAt: now })
            .onConflictDoUpdate({ target: importHeaderMappings.header, set: { field, updatedAt: now } });
      return { id: job.id };
    });
  });
}

const JobIdInput = z.object({ jobId: z.uuid("Unknown import.") });

/** Asks for the previewed rows to be applied (by a worker, in one transaction, as its starter). Caller needs users.import and started it. */
export async function commitImport({ ctx, input }: Verb<{ jobId: unknown }>) {
  return auditAuthzFailures(ctx, "import.commit", async () => {
    assertCan(ctx.actor, "users.import");
    const { jobId } = parseInput(JobIdInput, input);
    return ctx.db.transaction(async (tx) => {
      const job = await findJob(tx, jobId, { lock: true });
      assertStartedIt(ctx, job);
      if (job.status !== "previewed") throw PreconditionFailed("Only a previewed import can be applied.");
      const counts = job.counts as ImportCounts;
      if (!(counts.create ?? 0) && !(counts.update ?? 0)) throw PreconditionFailed("Nothing in this file would change a user.");
      await tx
        .update(importJobs)
        .set({
          status: "committing",
          committedIp: ctx.ip,
          committedUserAgent: ctx.userAgent?.slice(0, 500) ?? null,
          claimedBy: null,
          heartbeatAt: null,
          error: null,
          updatedAt: ctx.now(),
        })
        .where(eq(importJobs.id, jobId));
      return { id: jobId };
    });
  });
}

/**
 * Discards an import nobody applied (waiting for its columns, checked, or failed): its staged rows and
 * its file go, no user changes, and it stays in the history as Discarded. A checked file left there
 * kept its Import button live for every administrator.
 */
export async function discardImport({ ctx, input }: Verb<{ jobId: unknown }>) {
  return auditAuthzFailures(ctx, "import.discard", async () => {
    assertCan(ctx.actor, "users.import");
    const { jobId } = parseInput(JobIdInput, input);
    return ctx.db.transaction(async (tx) => {
      const job = await findJob(tx, jobId, { lock: true });
      if (!(await importPowers({ ...ctx, db: tx }, job)).mayDiscard)
        throw Forbidden(`You cannot discard the import of ${job.createdByName}: they hold permissions you do not.`);
      if (!["mapping", "previewed", "failed"].includes(job.status)) throw PreconditionFailed("This import is running or finished: it can't be discarded.");
      const now = ctx.now();
      await tx.delete(importRows).where(eq(importRows.jobId, jobId));
      await tx
        .update(importJobs)
        .set({ status: "discarded", file: null, fileDeletedAt: now, error: null, claimedBy: null, heartbeatAt: null, finishedAt: now, updatedAt: now })
        .where(eq(importJobs.id, jobId));
      await recordAudit(tx, ctx, "users.import_discarded", { target: { type: "import", id: jobId, name: job.fileName } });
      return { id: jobId };
    });
  });
}

export const ImportRowsInput = z.object({
  jobId: z.uuid("Unknown import."),
  action: z.enum(["create", "update", "unchanged", "error"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export const ROWS_PER_PAGE = 50;

/** A page of the previewed rows (errors first when no action is chosen). Caller needs users.import. */
export async function importRowsPage({ ctx, input }: Verb<Partial<Record<keyof z.input<typeof ImportRowsInput>, unknown>>>) {
  return auditAuthzFailures(ctx, "importRows", async () => {
    assertCan(ctx.actor, "users.import");
    const q = parseInput(ImportRowsInput, input);
    const where = and(eq(importRows.jobId, q.jobId), q.action ? eq(importRows.action, q.action) : undefined);
    const [rows, [{ total }]] = await Promise.all([
      ctx.db
        .select({
          rowNumber: importRows.rowNumber,
          cells: importRows.cells,
          action: importRows.action,
          changes: importRows.changes,
          errors: importRows.errors,
          // The account a row matched, as it is now (the file may name them otherwise, or not at all).
          account: sql<{
            id: string;
            name: string;
            username: string;
          } | null>`case when ${users.id} is null then null else json_build_object('id', ${users.id}, 'name', ${users.firstName} || ' ' || ${users.lastName}, 'username', ${users.username}) end`,
        })
        .from(importRows)
        .leftJoin(users, eq(users.id, importRows.userId))
        .where(where)
        .orderBy(...(q.action ? [] : [sql`${importRows.action} = 'error' desc`]), asc(importRows.rowNumber))
        .limit(ROWS_PER_PAGE)
        .offset((q.page - 1) * ROWS_PER_PAGE),
      ctx.db.select({ total: count() }).from(importRows).where(where),
    ]);
    return { rows, total, page: q.page, action: q.action ?? null };
  });
}
