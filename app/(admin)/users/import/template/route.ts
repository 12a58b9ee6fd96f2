import { requestContext } from "@/lib/auth";
import { csvResponse } from "@/lib/http/csv-response";
import { problemResponse } from "@/lib/http/problem";
import { importTemplate } from "@/lib/imports/template";

export const dynamic = "force-dynamic";

/** The import template: every importable column and one example row. Needs users.import. */
export async function GET() {
  try {
    const csv = importTemplate(await requestContext());
    return csvResponse("rollcall-import-template.csv", csv);
  } catch (error) {
    return problemResponse(error);
  }
}
