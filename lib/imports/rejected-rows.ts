import { and, asc, eq, gt } from "drizzle-orm";
import { createTranslator } from "next-intl";
import { z } from "zod";
import { importRows } from "@/db/schema";
import { allMessages } from "@/i18n/messages";
import { auditAuthzFailures } from "../audit/authz-failures";
import { assertCan, type Verb } from "../context";
import { csvLine } from "../csv/escape";
import { translateMessage } from "../i18n/domain-messages";
import { parseInput } from "../validation";
import { getImport } from "./jobs";

const Language = z.object({ locale: z.enum(["en", "es"]).default("en") });

/**
 * The rows the preview refused, as CSV in the reader's language: the file's mapped columns under
 * their own headers, then the row number and the reasons, read in batches. Fix them and upload the
 * file again: its last two columns are ignored there (`REJECTED_FILE_COLUMNS`). Caller needs users.import.
 */
export async function rejectedRowsCsv({ ctx, input }: Verb<{ jobId: unknown; locale?: unknown }>) {
  return auditAuthzFailures(ctx, "rejectedRows", async () => {
    assertCan(ctx.actor, "users.import");
    const { locale } = parseInput(Language, { locale: input.locale });
    const job = await getImport({ ctx, input: { jobId: input.jobId } });
    const messages = await allMessages(locale);
    const words = (namespace: string) => createTranslator({ locale, messages, namespace, timeZone: "UTC" }) as unknown as (key: string) => string;
    const [page, fields] = [words("ImportsPage"), words("ImportsForm")];
    const label = (field: string) => fields(`fields.${field.replace(/Id$/, "")}`);
    const columns = job.mapping.map((field, i) => ({ field, header: job.headers[i] })).filter((c): c is { field: string; header: string } => !!c.field);
    const encoder = new TextEncoder();
    let after = 0;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(`\uFEFF${csvLine([...columns.map((c) => c.header), page("row"), page("rejectedReason")])}`));
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
            const reasons = (r.errors as { field: string; message: string }[]).map((e) => {
              const message = translateMessage(e.message, locale);
              return e.field === "row" ? message : `${label(e.field)}: ${message}`;
            });
            return csvLine([...columns.map((c) => cells[c.field] ?? ""), r.rowNumber, reasons.join(" ")]);
          })
          .join("");
        controller.enqueue(encoder.encode(text));
      },
    });
    return { filename: `${job.fileName.replace(/\.[^.]+$/, "").replace(/[^\w.-]+/g, "_")}-rejected.csv`, stream };
  });
}
