import { getLocale } from "next-intl/server";
import { exportAuditEvents } from "@/lib/audit/export-audit-events";
import { requestContext } from "@/lib/auth";
import { csvResponse } from "@/lib/http/csv-response";
import { downloadRefusal } from "@/lib/http/problem";

export const dynamic = "force-dynamic";

/**
 * The audit log as CSV, with the page's filters (the same URL parameters), streamed as it is read.
 * The signed-in user needs audit.view (the verb checks it, and records a refusal).
 */
export async function GET(request: Request) {
  try {
    const ctx = await requestContext();
    const input = { ...Object.fromEntries(new URL(request.url).searchParams), locale: await getLocale() };
    const { filename, stream } = await exportAuditEvents({ ctx, input });
    return csvResponse(filename, stream);
  } catch (error) {
    return downloadRefusal(request, error, "/audit");
  }
}
