import { requestContext } from "@/lib/auth";
import { csvResponse } from "@/lib/http/csv-response";
import { problemResponse } from "@/lib/http/problem";
import { rejectedRowsCsv } from "@/lib/imports/rejected-rows";

export const dynamic = "force-dynamic";

/** The preview's rejected rows as CSV, with the reasons. Needs users.import. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { filename, stream } = await rejectedRowsCsv({ ctx: await requestContext(), input: { jobId: (await params).id } });
    return csvResponse(filename, stream);
  } catch (error) {
    return problemResponse(error);
  }
}
