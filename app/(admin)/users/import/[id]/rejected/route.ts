import { requestContext } from "@/lib/auth";
import { problemResponse } from "@/lib/http/problem";
import { rejectedRowsCsv } from "@/lib/imports/rejected-rows";

export const dynamic = "force-dynamic";

/** The preview's rejected rows as CSV, with the reasons. Needs users.import. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { filename, stream } = await rejectedRowsCsv({ ctx: await requestContext(), input: { jobId: (await params).id } });
    return new Response(stream, {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" },
    });
  } catch (error) {
    return problemResponse(error);
  }
}
