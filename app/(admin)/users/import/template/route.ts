import { requestContext } from "@/lib/auth";
import { csvResponse } from "@/lib/http/csv-response";
import { downloadRefusal } from "@/lib/http/problem";
import { importTemplate } from "@/lib/imports/template";

export const dynamic = "force-dynamic";

/** The import template: every importable column and one example row. Needs users.import. */
export async function GET(request: Request) {
  try {
    const csv = await importTemplate(await requestContext());
    return csvResponse("rollcall-import-template.csv", csv);
  } catch (error) {
    return downloadRefusal(request, error, "/users/import");
  }
}
