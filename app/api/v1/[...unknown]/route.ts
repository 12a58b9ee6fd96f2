import { NotFound } from "@/lib/errors";
import { problemResponse } from "@/lib/http/problem";

/** A path under /api/v1 that names no endpoint: problem+json like every other refusal, not the HTML 404 page. */
function unknown(): Response {
  return problemResponse(
    NotFound("There is no such API endpoint. The endpoints are listed in /api/v1/openapi.json (send your API key) and on the API reference page, /api-docs."),
  );
}

export { unknown as GET, unknown as POST, unknown as PUT, unknown as PATCH, unknown as DELETE };
