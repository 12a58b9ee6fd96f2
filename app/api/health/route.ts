import { databaseHealthy } from "@/lib/health";

export const dynamic = "force-dynamic";

/** Public liveness and readiness probe: it reveals nothing but whether the database answers. */
export async function GET() {
  const ok = await databaseHealthy();
  return Response.json(
    { status: ok ? "ok" : "error", database: ok ? "ok" : "unavailable" },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
