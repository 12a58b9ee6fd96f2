import { and } from "drizzle-orm";
import { z } from "zod";
import { csvLine } from "../csv/escape";
import { assertCan, type Verb } from "../context";
import { getSettings } from "../settings/get-settings";
import { parseInput } from "../validation";
import { auditAuthzFailures } from "./authz-failures";
import { auditWords, describeEvent, type AuditWords } from "./describe-event";
import { AuditFilters, auditFilterWhere, beyondCursor, selectAuditRows, type AuditRow } from "./filters";
import { lookupUnitNames, type UnitNames } from "./lookup-names";
import { recordAudit } from "./record-audit";

export const ExportAuditEventsInput = AuditFilters.extend({
  locale: z.enum(["en", "es"]).catch("en").default("en"),
});
export type ExportAuditEventsInput = Partial<Record<keyof z.input<typeof ExportAuditEventsInput>, unknown>>;

const COLUMNS = ["id", "time", "action", "event", "actorKind", "actor", "target", "address", "userAgent", "changes", "detail"] as const;

function csvRecord(row: AuditRow, w: AuditWords, names: UnitNames): string {
  const d = describeEvent(row, w, names);
  return csvLine([
    row.id,
    row.at.toISOString(),
    row.action,
    d.sentence,
    d.actor.kind ? d.actor.kindLabel : "",
    d.actor.name ?? (d.actor.kind ? d.actor.kindLabel : ""),
    d.target,
    row.ip,
    row.userAgent,
    d.changes.map((c) => `${c.field}: ${c.before} → ${c.after}`).join("; "),
    JSON.stringify(row.detail),
  ]);
}

/**
 * The filtered audit log as CSV, newest first, in the reader's language: a header row, then the
 * events read in batches of `batchSize` with the same keyset as the page (never the whole log in
 * memory, never OFFSET). Every field goes through the shared escaper (quoting, formula injection).
 * The export itself is recorded. Caller needs audit.view.
 */
export async function exportAuditEvents({ ctx, input, batchSize = 500 }: Verb<ExportAuditEventsInput> & { batchSize?: number }) {
  return auditAuthzFailures(ctx, "exportAuditEvents", async () => {
    assertCan(ctx.actor, "audit.view");
    const { locale, ...filters } = parseInput(ExportAuditEventsInput, input);
    const w = await auditWords(locale);
    const where = auditFilterWhere(filters, (await getSettings(ctx.db))["organization.timeZone"]);
    const defined = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined));
    await recordAudit(ctx.db, ctx, "audit.exported", { detail: { filters: defined } });

    const encoder = new TextEncoder();
    let last: number | null = null;
    const stream = new ReadableStream<Uint8Array>(
      {
        start(controller) {
          // The byte-order mark tells spreadsheet programs the file is UTF-8 (names with accents).
          controller.enqueue(encoder.encode(`\uFEFF${csvLine(COLUMNS.map((c) => w.fields(`csv.${c}`)))}`));
        },
        async pull(controller) {
          const rows = await selectAuditRows(ctx.db, last === null ? where : and(where, beyondCursor("before", last)), batchSize);
          if (rows.length) {
            const names = await lookupUnitNames(ctx.db, rows);
            controller.enqueue(encoder.encode(rows.map((row) => csvRecord(row, w, names)).join("")));
            last = rows[rows.length - 1].id;
          }
          if (rows.length < batchSize) controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const day = ctx.now().toISOString().slice(0, 10);
    return { filename: `audit-log-${day}.csv`, stream };
  });
}
