import type { UserRecord } from "../users/user-records";

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

/** The version an `If-Match` names (`"7"` or `W/"7"`); `*` or no header is null (no precondition). */
export function ifMatchVersion(header: string | null): number | null | "invalid" {
  if (header === null || header.trim() === "*") return null;
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(header);
  return match ? Number(match[1]) : "invalid";
}

export const etagOf = (user: { version: number }) => `"${user.version}"`;
