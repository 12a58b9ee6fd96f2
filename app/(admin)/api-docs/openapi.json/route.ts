import { requestContext } from "@/lib/auth";
import { openApiDocument } from "@/lib/api/openapi";
import { assertMayReadApiReference } from "@/lib/api/reference";
import { problemResponse } from "@/lib/http/problem";

export const dynamic = "force-dynamic";

/** The OpenAPI document for the console's reference page (the session reads it; the API itself takes keys only). */
export async function GET() {
  try {
    assertMayReadApiReference(await requestContext());
    return Response.json(openApiDocument(), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return problemResponse(error);
  }
}
