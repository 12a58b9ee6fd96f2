import { refusalOf } from "../refusal";
import { logger } from "../log";
import type { FieldErrors } from "../errors";

/** RFC 9457's `errors` extension: one entry per message, with the field's path (dotted, "_form" for the whole body). */
export function problemErrors(fieldErrors: FieldErrors): { path: string; detail: string }[] {
  return Object.entries(fieldErrors).flatMap(([path, messages]) => messages.map((detail) => ({ path, detail })));
}

/** A problem's title, in the words and case of the titles the server's guard gives ("Method Not Allowed"). */
function titleOf(code: string): string {
  if (code === "payload_too_large") return "Content Too Large";
  if (code === "validation") return "Validation Failed";
  return code.replace(/(^|_)([a-z])/g, (_, sep: string, c: string) => `${sep ? " " : ""}${c.toUpperCase()}`);
}

/** RFC 9457 problem details for a refusal; anything unexpected is logged and answered as a bare 500. */
export function problemResponse(error: unknown, logFields: Record<string, unknown> = {}): Response {
  const refusal = refusalOf(error);
  if (refusal) {
    const error = refusal;
    const headers: Record<string, string> = { "Content-Type": "application/problem+json", "Cache-Control": "no-store" };
    if (error.retryAfterSeconds) headers["Retry-After"] = String(error.retryAfterSeconds);
    if (error.code === "unauthenticated") headers["WWW-Authenticate"] = 'Bearer realm="rollcall"';
    return new Response(
      JSON.stringify({
        type: `https://rollcall.dev/problems/${error.code.replace(/_/g, "-")}`,
        title: titleOf(error.code),
        status: error.status,
        detail: error.message,
        ...(error.fieldErrors ? { errors: problemErrors(error.fieldErrors) } : {}),
        ...error.data,
      }),
      { status: error.status, headers },
    );
  }
  logger().error({ event: "route.error", ...logFields, err: error }, "unexpected error in a route handler");
  // The Problem schema's `detail` is there too, saying nothing about the cause (that is in the log).
  const detail = "Something went wrong on our side. Try again; if it keeps happening, tell your administrator.";
  return new Response(JSON.stringify({ type: "about:blank", title: "Internal Server Error", status: 500, detail }), {
    status: 500,
    headers: { "Content-Type": "application/problem+json", "Cache-Control": "no-store" },
  });
}

/**
 * A refused download (an export, a template, a preview's rejected rows). Opened in a browser (a
 * bookmark, a pasted link, a link followed after losing the permission), it would have shown raw
 * problem JSON; the browser is sent instead to `page`, the page the download belongs to, with the
 * same query, which runs the same check and says what is wrong as pages do (the 403 page, a refused
 * filter). A script (no text/html in Accept) still gets problem+json; anything unexpected is a 500.
 */
export function downloadRefusal(request: Request, error: unknown, page: string): Response {
  const browser = (request.headers.get("accept") ?? "").includes("text/html");
  if (!browser || !refusalOf(error)) return problemResponse(error);
  const { search } = new URL(request.url);
  return new Response(null, { status: 303, headers: { Location: `${page}${search}`, "Cache-Control": "no-store" } });
}
