import { requestContext } from "@/lib/auth";
import { problemResponse } from "@/lib/http/problem";
import { importTemplate } from "@/lib/imports/template";

export const dynamic = "force-dynamic";

/** The import template: every importable column and one example row. Needs users.import. */
export async function GET() {
  try {
    const csv = importTemplate(await requestContext());
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": 'attachment; filename="rollcall-import-template.csv"',
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return problemResponse(error);
  }
}
