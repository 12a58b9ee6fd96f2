import { getLocale } from "next-intl/server";
import { requestContext } from "@/lib/auth";
import { csvResponse } from "@/lib/http/csv-response";
import { downloadRefusal } from "@/lib/http/problem";
import { rejectedRowsCsv } from "@/lib/imports/rejected-rows";

export const dynamic = "force-dynamic";

/** The preview's rejected rows as CSV, with the reasons in the reader's language. Needs users.import. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    const { filename, stream } = await rejectedRowsCsv({ ctx: await requestContext(), input: { jobId: id, locale: await getLocale() } });
    return csvResponse(filename, stream);
  } catch (error) {
    return downloadRefusal(request, error, `/users/import/${encodeURIComponent(id)}`);
  }
}
