import { requestContext } from "@/lib/auth";
import { problemResponse } from "@/lib/http/problem";
import { exportUsers } from "@/lib/users/export-users";

export const dynamic = "force-dynamic";

/** The user list as CSV with the page's filters and sort (the same URL parameters), streamed. Needs users.view. */
export async function GET(request: Request) {
  try {
    const ctx = await requestContext();
    const { filename, stream } = await exportUsers({ ctx, input: Object.fromEntries(new URL(request.url).searchParams) });
    return new Response(stream, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    return problemResponse(error);
  }
}
