import { and, asc, eq, gt } from "drizzle-orm";
import { importRows } from "@/db/schema";
import { auditAuthzFailures } from "../audit/authz-failures";
import { assertCan, type Verb } from "../context";
import { csvLine } from "../csv/escape";
import { IMPORT_COLUMNS } from "./columns";
import { getImport } from "./jobs";

const label = (field: string) => IMPORT_COLUMNS.find((c) => c.field === field)?.header ?? field;

/**
 * The rows the preview refused, as CSV: the file's mapped columns under their own headers, then the
 * row number and the reasons, read in batches. Fix them and upload the file again. Caller needs users.import.
 */
export async function rejectedRowsCsv({ ctx, input }: Verb<{ jobId: unknown }>) {
  return auditAuthzFailures(ctx, "rejectedRows", async () => {
    assertCan(ctx.actor, "users.import");
    const job = await getImport({ ctx, input });
    const columns = job.mapping.map((field, i) => ({ field, header: job.headers[i] })).filter((c): c is { field: string; header: string } => !!c.field);
    const encoder = new TextEncoder();
    let after = 0;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(`\uFEFF${csvLine([...columns.map((c) => c.header), "Row", "Reason"])}`));
      },
      async pull(controller) {
        const rows = await ctx.db
          .select({ rowNumber: importRows.rowNumber, cells: importRows.cells, errors: importRows.errors })
          .from(importRows)
          .where(and(eq(importRows.jobId, job.id), eq(importRows.action, "error"), gt(importRows.rowNumber, after)))
          .orderBy(asc(importRows.rowNumber))
          .limit(1_000);
        if (!rows.length) return controller.close();
        after = rows.at(-1)!.rowNumber;
        const text = rows
          .map((r) => {
            const cells = r.cells as Record<string, string>;
            const reasons = (r.errors as { field: string; message: string }[]).map((e) => (e.field === "row" ? e.message : `${label(e.field)}: ${e.message}`));
            return csvLine([...columns.map((c) => cells[c.field] ?? ""), r.rowNumber, reasons.join(" ")]);
          })
          .join("");
        controller.enqueue(encoder.encode(text));
      },
    });
    return { filename: `${job.fileName.replace(/\.[^.]+$/, "").replace(/[^\w.-]+/g, "_")}-rejected.csv`, stream };
  });
}
