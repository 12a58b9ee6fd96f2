/**
 * Import, export and bulk figures on PostgreSQL: preview + apply of 10,000 and 50,000 new users
 * (goal: 50,000 under 30 s end to end), the export of every user (rows/s), a bulk deactivation of
 * 5,000 users, each with the process's peak RSS. Prints numbers; never fails on timing.
 */
import { inArray, sql } from "drizzle-orm";
import { users } from "../db/schema";
import type { Database } from "../db/client";
import { makeCtx, type Actor } from "../lib/context";
import { ALL_PERMISSIONS } from "../lib/permissions/catalog";
import { IMPORT_COLUMNS } from "../lib/imports/columns";
import { commitImport, getImport, startImport } from "../lib/imports/jobs";
import { runImportJobs } from "../lib/imports/worker";
import { bulkUsers } from "../lib/users/bulk-users";
import { exportUsers } from "../lib/users/export-users";

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Runs fn, sampling the RSS every 50 ms; returns seconds and the peak. */
async function measured<T>(fn: () => Promise<T>): Promise<{ seconds: number; peak: number; value: T }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const started = performance.now();
  try {
    const value = await fn();
    return { seconds: (performance.now() - started) / 1000, peak: Math.max(peak, process.memoryUsage().rss), value };
  } finally {
    clearInterval(timer);
  }
}

function file(rows: number, prefix: string): Buffer {
  const lines = [IMPORT_COLUMNS.map((c) => c.header).join(",")];
  const at = Object.fromEntries(IMPORT_COLUMNS.map((c, i) => [c.field, i]));
  for (let i = 0; i < rows; i++) {
    const cells = IMPORT_COLUMNS.map(() => "");
    cells[at.firstName] = `Bench${i}`;
    cells[at.lastName] = "Importado";
    cells[at.username] = `${prefix}${i}`;
    cells[at.email] = `${prefix}${i}@bench.example`;
    cells[at.phone] = `+5076${String(1_000_000 + i).slice(-7)}`;
    cells[at.role] = "Basic";
    cells[at.status] = "pending";
    lines.push(cells.join(","));
  }
  return Buffer.from(lines.join("\r\n"));
}

export async function benchImports(db: Database, adminId: string) {
  const actor: Actor = {
    kind: "user",
    userId: adminId,
    name: "Bench Admin",
    username: "bench-admin",
    roleKey: "administrator",
    permissions: new Set(ALL_PERMISSIONS),
  };
  const ctx = makeCtx(db, { actor });
  await db.execute(sql`delete from users where username like 'benchimp%'`);
  console.log("\nImport of new users (CSV, template columns), preview then apply, in this process:");
  for (const rows of [10_000, 50_000]) {
    const prefix = `benchimp${rows}x`;
    const bytes = file(rows, prefix);
    const run = await measured(async () => {
      const { id } = await startImport({ ctx, input: { fileName: `bench-${rows}.csv`, bytes } });
      const previewStarted = performance.now();
      await runImportJobs(db, "bench");
      const previewSeconds = (performance.now() - previewStarted) / 1000;
      await commitImport({ ctx, input: { jobId: id } });
      await runImportJobs(db, "bench");
      const job = await getImport({ ctx, input: { jobId: id } });
      return { previewSeconds, job };
    });
    const { previewSeconds, job } = run.value;
    console.log(
      `  ${rows.toLocaleString("en")} rows (${mb(bytes.length)} file): ${job.status}, ${job.counts.create} created — preview ${previewSeconds.toFixed(1)} s, ` +
        `end to end ${run.seconds.toFixed(1)} s, peak RSS ${mb(run.peak)}${rows === 50_000 ? `   (goal: under 30 s: ${run.seconds < 30 ? "met" : "missed"})` : ""}`,
    );
  }
  await db.execute(sql`analyze users`);

  const exported = await measured(async () => {
    const { stream } = await exportUsers({ ctx, input: {} });
    let bytes = 0;
    let lines = 0;
    for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (const b of chunk) if (b === 10) lines++;
    }
    return { bytes, rows: lines - 1 };
  });
  console.log(
    `\nExport of every user (${exported.value.rows.toLocaleString("en")} rows, ${mb(exported.value.bytes)}): ${exported.seconds.toFixed(1)} s, ` +
      `${Math.round(exported.value.rows / exported.seconds).toLocaleString("en")} rows/s, peak RSS ${mb(exported.peak)}`,
  );

  const ids = (await db.execute<{ id: string }>(sql`select id from users where username like 'benchimp50000x%' order by username limit 5000`)).rows.map(
    (r) => r.id,
  );
  await db.update(users).set({ status: "active" }).where(inArray(users.id, ids));
  const bulk = await measured(() => bulkUsers({ ctx, input: { action: "deactivate", userIds: ids } }));
  const n = bulk.value.done.length + bulk.value.refused.length;
  console.log(
    `\nBulk deactivate of ${n.toLocaleString("en")} users (each through the single-user verb): ${bulk.seconds.toFixed(1)} s, ` +
      `${Math.round(n / bulk.seconds)} users/s, ${bulk.value.refused.length} refused, peak RSS ${mb(bulk.peak)}`,
  );
  await db.execute(sql`delete from users where username like 'benchimp%'`);
}
