import { refusalOf } from "../refusal";
import { logger } from "../log";

/** RFC 9457 problem details for a refusal; anything unexpected is logged and answered as a bare 500. */
export function problemResponse(error: unknown): Response {
  const refusal = refusalOf(error);
  if (refusal) {
    const error = refusal;
    const headers: Record<string, string> = { "Content-Type": "application/problem+json", "Cache-Control": "no-store" };
    if (error.retryAfterSeconds) headers["Retry-After"] = String(error.retryAfterSeconds);
    return new Response(
      JSON.stringify({
        type: `https://rollcall.dev/problems/${error.code.replace(/_/g, "-")}`,
        title: error.code.replace(/_/g, " "),
        status: error.status,
        detail: error.message,
        ...(error.fieldErrors ? { errors: error.fieldErrors } : {}),
      }),
      { status: error.status, headers },
    );
  }
  logger().error({ event: "route.error", err: error }, "unexpected error in a route handler");
  return new Response(JSON.stringify({ type: "about:blank", title: "Internal Server Error", status: 500 }), {
    status: 500,
    headers: { "Content-Type": "application/problem+json" },
  });
}
