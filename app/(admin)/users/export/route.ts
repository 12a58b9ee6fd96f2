import { requestContext } from "@/lib/auth";
import { csvResponse } from "@/lib/http/csv-response";
import { downloadRefusal } from "@/lib/http/problem";
import { exportUsers } from "@/lib/users/export-users";

export const dynamic = "force-dynamic";

/** The user list as CSV with the page's filters and sort (the same URL parameters), streamed. Needs users.view. */
export async function GET(request: Request) {
  try {
    const ctx = await requestContext();
    const { filename, stream } = await exportUsers({ ctx, input: Object.fromEntries(new URL(request.url).searchParams) });
    return csvResponse(filename, stream);
  } catch (error) {
    return downloadRefusal(request, error, "/users");
  }
}
