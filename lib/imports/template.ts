import { asc } from "drizzle-orm";
import { branches, teams } from "@/db/schema";
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

/**
 * The template's CSV: the header row and one example (the same columns the export writes). The
 * example names one of the organization's own branches and teams (none when it has none), so the
 * file uploaded as it is checks without a rejected row. Caller needs users.import.
 */
export async function importTemplate(ctx: Ctx): Promise<string> {
  assertCan(ctx.actor, "users.import");
  const [[branch], [team]] = await Promise.all([
    ctx.db.select({ name: branches.name }).from(branches).orderBy(asc(branches.name)).limit(1),
    ctx.db.select({ name: teams.name }).from(teams).orderBy(asc(teams.name)).limit(1),
  ]);
  const example: Record<string, string> = { ...EXAMPLE, branch: branch?.name ?? "", team: team?.name ?? "" };
  return `\uFEFF${csvLine(IMPORT_COLUMNS.map((c) => c.header))}${csvLine(IMPORT_COLUMNS.map((c) => example[c.field] ?? ""))}`;
}
