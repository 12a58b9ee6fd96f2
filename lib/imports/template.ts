import { assertCan, type Ctx } from "../context";
import { csvLine } from "../csv/escape";
import { IMPORT_COLUMNS } from "./columns";

const EXAMPLE: Record<string, string> = {
  firstName: "María",
  lastName: "González",
  username: "mgonzalez",
  email: "maria.gonzalez@example.com",
  personalEmail: "maria@example.net",
  phone: "+507 6123 4567",
  gender: "female",
  birthday: "1990-05-17",
  country: "PA",
  language: "es",
  position: "Branch manager",
  branch: "Panamá Centro",
  team: "Sales",
  role: "Basic",
  status: "pending",
  accountExpiresOn: "",
  adminConsoleAccess: "no",
  sendEndOfDayReport: "no",
  notifyGeneral: "yes",
  notifyDomain: "no",
  notifyInvoice: "no",
  notifyService: "no",
};

/** The template's CSV: the header row and one example (the same columns the export writes). Caller needs users.import. */
export function importTemplate(ctx: Ctx): string {
  assertCan(ctx.actor, "users.import");
  return `\uFEFF${csvLine(IMPORT_COLUMNS.map((c) => c.header))}${csvLine(IMPORT_COLUMNS.map((c) => EXAMPLE[c.field] ?? ""))}`;
}
