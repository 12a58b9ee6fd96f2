import { requestContext } from "@/lib/auth";
import { getLocale } from "next-intl/server";
import { DomainError, isDomainError } from "@/lib/errors";
import type { Locale } from "@/lib/format";
import { translatedError } from "@/lib/i18n/domain-messages";
import { problemResponse } from "@/lib/http/problem";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { startImport } from "@/lib/imports/jobs";
import { MAX_FILE_BYTES } from "@/lib/imports/read-file";
import { kickImports } from "@/lib/imports/worker";

export const dynamic = "force-dynamic";

/**
 * Receives a spreadsheet as the request body (not a server action: those stop at 6 MB), reading the
 * stream up to 20 MB and refusing beyond it, then starts the import job. Needs users.import.
 */
export async function POST(request: Request) {
  try {
    // A cookie-session POST outside the server actions (which check their origin themselves).
    assertSameOrigin(request.headers);
    const ctx = await requestContext();
    const name = new URL(request.url).searchParams.get("name") ?? "";
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (request.body)
      for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
        size += chunk.length;
        if (size > MAX_FILE_BYTES) throw new DomainError("payload_too_large", "The file is larger than 20 MB: split it into smaller files.");
        chunks.push(chunk);
      }
    const job = await startImport({ ctx, input: { fileName: name, bytes: Buffer.concat(chunks) } });
    kickImports();
    return Response.json(job, { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    // The upload form shows the reason as it comes: in the reader's language.
    const locale = (await Promise.resolve()
      .then(getLocale)
      .catch(() => "en")) as Locale;
    return problemResponse(isDomainError(error) ? translatedError(error, locale) : error);
  }
}
