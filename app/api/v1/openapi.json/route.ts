import { endpoint, notAllowed } from "@/lib/api/endpoint";
import { openApiDocument } from "@/lib/api/openapi";

export const dynamic = "force-dynamic";

/** The OpenAPI document, for a key's own tooling (the console's /api-docs reads it with the session). */
export const GET = endpoint({}, async () => ({ body: openApiDocument() }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET });
