import type { Ctx } from "../context";
import { PreconditionFailed } from "../errors";
import { getUserRecord, type UserRecord } from "../users/user-records";

/** The verb's form fields from a user record, so a PATCH can send the verb the whole user with its changes. */
export function verbFieldsOf(user: UserRecord) {
  return {
    firstName: user.firstName,
    lastName: user.lastName,
    username: user.username,
    email: user.email,
    personalEmail: user.personalEmail,
    phone: user.phone,
    gender: user.gender,
    birthday: user.birthday,
    country: user.country,
    language: user.language,
    position: user.position,
    roleId: user.role.id,
    branchId: user.branch?.id ?? null,
    teamId: user.team?.id ?? null,
    accountExpiresOn: user.accountExpiresOn,
    adminConsoleAccess: user.adminConsoleAccess,
    status: user.status === "inactive" ? "inactive" : "active",
    sendEndOfDayReport: user.sendEndOfDayReport,
    notifyGeneral: user.notifyGeneral,
    notifyDomain: user.notifyDomain,
    notifyInvoice: user.notifyInvoice,
    notifyService: user.notifyService,
  };
}

/**
 * The version an `If-Match` names (`"7"`); `*` or no header is null (no precondition). A weak tag
 * (`W/"7"`) never matches: If-Match compares strong entity tags (RFC 9110, 13.1.1).
 */
export function ifMatchVersion(header: string | null): number | null {
  if (header === null || header.trim() === "*") return null;
  const match = /^\s*"(\d{1,9})"\s*$/.exec(header);
  if (!match) throw PreconditionFailed('If-Match must be the ETag from GET, such as "3" (a strong tag, without W/).');
  return Number(match[1]);
}

/** The If-Match of a request acting on a user, checked against the user's version now: a stale one is 412. */
export async function assertIfMatch(ctx: Ctx, userId: string, request: Request): Promise<void> {
  const expected = ifMatchVersion(request.headers.get("if-match"));
  if (expected === null) return;
  const { version } = await getUserRecord({ ctx, input: { userId } });
  if (version !== expected) throw PreconditionFailed(`This user has changed since version ${expected} (now ${version}): read it again.`);
}

export const etagOf = (user: { version: number }) => `"${user.version}"`;
