import { requestContext } from "@/lib/auth";
import { assertMayReadApiReference, referenceAsset } from "@/lib/api/reference";
import { problemResponse } from "@/lib/http/problem";

/** The API reference viewer's script and style sheet, from this origin. */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  try {
    assertMayReadApiReference(await requestContext());
    const { body, type } = await referenceAsset((await params).file);
    return new Response(new Uint8Array(body), { headers: { "Content-Type": type, "Cache-Control": "private, max-age=86400" } });
  } catch (error) {
    return problemResponse(error);
  }
}
