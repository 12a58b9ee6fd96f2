import { createTranslator } from "next-intl";
import { allMessages, type Messages } from "@/i18n/messages";
import { formatDate, formatNumber, type Locale } from "../format";
import { formatPhone } from "../users/phone";
import { Forbidden } from "../errors";
import { translateMessage } from "../i18n/domain-messages";

const GENERIC_REFUSAL = Forbidden().message;
import type { AuditRow } from "./filters";
import type { UnitNames } from "./lookup-names";

/** A message catalog namespace as a plain function (keys are built from action codes at run time). */
interface Translate {
  (key: string, values?: Record<string, string | number | Date>): string;
  has(key: string): boolean;
  raw(key: string): unknown;
}

/** True when `key` names a message (not a group of messages, not nothing). */
function hasMessage(t: Translate, key: string): boolean {
  return t.has(key) && typeof t.raw(key) === "string";
}

/** The words the describer needs in one language: the sentences, field names and permission names. */
export interface AuditWords {
  locale: Locale;
  events: Translate;
  fields: Translate;
  permissions: Translate;
}

function translator(locale: Locale, messages: Messages, namespace: string): Translate {
  return createTranslator({ locale, messages, namespace, timeZone: "UTC" }) as unknown as Translate;
}

/** Loads the audit log's words for `locale` (the catalogs are cached after the first read). */
export async function auditWords(locale: Locale): Promise<AuditWords> {
  const messages = await allMessages(locale);
  return {
    locale,
    events: translator(locale, messages, "AuditEvents"),
    fields: translator(locale, messages, "AuditFields"),
    permissions: translator(locale, messages, "Permissions"),
  };
}

export type ActorKind = "user" | "apiKey" | "cli" | "system";

export interface DescribedChange {
  field: string;
  before: string;
  after: string;
}

export interface DescribedEvent {
  /** The event in a sentence: "Ada Admin deactivated Lucía Núñez". An unknown code is the code itself. */
  sentence: string;
  /** The action's short name ("User deactivated"), or the code when it is not known. */
  actionName: string;
  actor: { kind: ActorKind | null; kindLabel: string; name: string | null };
  target: string | null;
  /** Before → after, one row per changed field, in the reader's words. */
  changes: DescribedChange[];
}

type Row = Pick<AuditRow, "action" | "actorKind" | "actorId" | "actorName" | "targetType" | "targetId" | "targetName" | "detail">;

const API_KEY_LABEL = /^API key “(.*)”$/;
const USER_LABEL = /^(.*) \(([^()]*)\)$/;

/** The actor's kind: recorded since migration 0005; older rows are recognized by the label recordAudit wrote. */
function kindOf(row: Row): ActorKind | null {
  if (row.actorKind === "user" || row.actorKind === "apiKey" || row.actorKind === "cli" || row.actorKind === "system") return row.actorKind;
  if (!row.actorName) return null;
  if (row.actorName === "System") return "system";
  if (row.actorName === "Command line") return "cli";
  if (API_KEY_LABEL.test(row.actorName)) return "apiKey";
  return "user";
}

/** Who acted, in the reader's words: a person by their label, a key, the command line or the system named as such. */
export function actorIn(row: Pick<Row, "actorKind" | "actorName">, w: AuditWords): string {
  const kind = kindOf(row as Row);
  return kind === "user" ? (row.actorName ?? "—") : actorNames(row as Row, kind, w).inSentence;
}

/** The actor's name as a sentence starts with it, and as the actor column shows it. */
function actorNames(row: Row, kind: ActorKind | null, w: AuditWords): { inSentence: string; shown: string | null } {
  switch (kind) {
    case "user": {
      const label = row.actorName ?? "";
      return { inSentence: USER_LABEL.exec(label)?.[1] ?? label, shown: label };
    }
    case "apiKey": {
      const name = API_KEY_LABEL.exec(row.actorName ?? "")?.[1] ?? row.actorName ?? "";
      return { inSentence: w.events("actors.apiKey", { name }), shown: name };
    }
    case "cli":
      return { inSentence: w.events("actors.cli"), shown: null };
    case "system":
      return { inSentence: w.events("actors.system"), shown: null };
    default:
      return { inSentence: w.events("actors.someone"), shown: null };
  }
}

const str = (value: unknown): string => (value === null || value === undefined ? "" : typeof value === "object" ? JSON.stringify(value) : String(value));
const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day (YYYY-MM-DD) or an instant, as a date in the reader's language. */
function formatDay(value: unknown, locale: Locale): string {
  const text = str(value);
  if (!text) return "";
  const date = new Date(DAY.test(text) ? `${text}T00:00:00Z` : text);
  return Number.isNaN(date.getTime()) ? text : formatDate(date, locale);
}

function permissionName(key: string, w: AuditWords): string {
  return hasMessage(w.permissions, `items.${key}.label`) ? w.permissions(`items.${key}.label`) : key;
}

/** One value of a changed field, in words: names for ids, yes/no, dates, statuses. */
function formatValue(field: string, value: unknown, w: AuditWords, names: UnitNames): string {
  if (value === null || value === undefined || value === "") return w.fields("none");
  if (typeof value === "boolean") return w.fields(value ? "yes" : "no");
  if (field === "roleId" || field === "branchId" || field === "teamId") return names[field].get(str(value)) ?? w.fields("deleted");
  if (field === "birthday" || field === "accountExpiresOn") return formatDay(value, w.locale);
  if (field === "status" && hasMessage(w.fields, `statuses.${str(value)}`)) return w.fields(`statuses.${str(value)}`);
  if (field === "gender" && hasMessage(w.fields, `genders.${str(value)}`)) return w.fields(`genders.${str(value)}`);
  // Each language is named in itself, whoever reads it (as on the user's page).
  if (field === "language") return value === "es" ? "Español" : value === "en" ? "English" : str(value);
  if (field === "country") return new Intl.DisplayNames([w.locale], { type: "region" }).of(str(value)) ?? str(value);
  if (field === "phone") return formatPhone(str(value));
  if (field === "image" && hasMessage(w.fields, `images.${str(value)}`)) return w.fields(`images.${str(value)}`);
  if (typeof value === "number") return formatNumber(value, w.locale);
  if (Array.isArray(value)) return value.map(str).join(", ");
  return str(value);
}

function fieldName(field: string, w: AuditWords): string {
  return hasMessage(w.fields, `fields.${field}`) ? w.fields(`fields.${field}`) : field;
}

/** Permissions given and taken away between two lists, as two rows of changes. */
function permissionChanges(before: unknown, after: unknown, w: AuditWords): DescribedChange[] {
  if (!Array.isArray(before) || !Array.isArray(after)) return [];
  const had = new Set(before.map(str));
  const has = new Set(after.map(str));
  const granted = [...has].filter((p) => !had.has(p)).map((p) => permissionName(p, w));
  const removed = [...had].filter((p) => !has.has(p)).map((p) => permissionName(p, w));
  const none = w.fields("none");
  return [
    ...(granted.length ? [{ field: w.fields("fields.permissionsGranted"), before: none, after: granted.join(", ") }] : []),
    ...(removed.length ? [{ field: w.fields("fields.permissionsRemoved"), before: removed.join(", "), after: none }] : []),
  ];
}

/** The before → after rows an event carries, whatever shape its detail has. */
function changesOf(row: Row, w: AuditWords, names: UnitNames): DescribedChange[] {
  const detail = record(row.detail);
  const out: DescribedChange[] = [];
  const pair = (field: string, value: unknown) => {
    if (!Array.isArray(value) || value.length !== 2) return;
    const [before, after] = value;
    if (str(before) === str(after)) return;
    out.push({ field: fieldName(field, w), before: formatValue(field, before, w, names), after: formatValue(field, after, w, names) });
  };
  // user.updated, settings.updated: { changes: { field: [before, after] } }
  for (const [field, value] of Object.entries(record(detail.changes))) pair(field, value);
  // role.updated: { name: [before, after], before: [...], after: [...] }
  if (Array.isArray(detail.name)) pair("name", detail.name);
  // user.permissions_copied: { role: [before, after] } with role names
  if (Array.isArray(detail.role)) pair("role", detail.role);
  // branch.renamed, team.renamed: { from, to }
  if (row.action.endsWith(".renamed") && typeof detail.from === "string") pair("name", [detail.from, detail.to]);
  out.push(...permissionChanges(detail.before, detail.after, w));
  // user.permissions_changed: { overrides: { permission: [before, after] } }, each "inherit", "grant" or "deny"
  for (const [permission, value] of Object.entries(record(detail.overrides))) {
    if (!Array.isArray(value) || value.length !== 2) continue;
    const setting = (v: unknown) => (hasMessage(w.fields, `overrides.${str(v)}`) ? w.fields(`overrides.${str(v)}`) : str(v));
    out.push({ field: w.fields("fields.override", { permission: permissionName(permission, w) }), before: setting(value[0]), after: setting(value[1]) });
  }
  return out;
}

/** The sentence's values, from the row and its detail; every message finds all it names. */
function sentenceValues(row: Row, actor: string, kind: ActorKind | null, w: AuditWords): Record<string, string | number> {
  const detail = record(row.detail);
  const reasonCode = str(detail.reason);
  const failures = typeof detail.failures === "number" ? detail.failures : 0;
  // A refusal's reason is the message the person was given (in English, as recorded): said in the
  // reader's language, unless it is the generic one the sentence already says.
  const refusal = row.action === "authz_fail" && reasonCode && reasonCode !== GENERIC_REFUSAL ? translateMessage(reasonCode, w.locale) : "";
  const reasonText =
    row.action === "authz_fail"
      ? ""
      : reasonCode
        ? hasMessage(w.events, `reasons.${reasonCode}`)
          ? w.events(`reasons.${reasonCode}`, { count: failures })
          : reasonCode
        : "";
  // The reason follows the sentence in parentheses, the same in every language; none, no parentheses.
  const reason = reasonText ? ` (${reasonText})` : "";
  const from = record(detail.from);
  const section = row.targetType === "settings" ? str(row.targetName) : "";
  return {
    actor,
    target: row.targetName ?? w.fields("none"),
    who: !kind ? "anonymous" : kind === "user" && row.actorId && row.actorId === row.targetId ? "self" : "other",
    hasTarget: row.targetName ? "yes" : "no",
    reason,
    identifier: str(detail.identifier),
    count:
      typeof detail.users === "number"
        ? detail.users
        : typeof detail.recipients === "number"
          ? detail.recipients
          : typeof detail.clients === "number"
            ? detail.clients
            : typeof detail.count === "number"
              ? detail.count
              : 0,
    date: formatDay(detail.on ?? detail.date, w.locale),
    to: str(detail.to),
    method: str(detail.method),
    from: typeof detail.from === "string" ? detail.from : str(from.name),
    attempted: str(detail.attempted),
    refusal,
    hasRefusal: refusal ? "yes" : "no",
    section: section || "other",
    by: str(detail.by),
    sent: detail.sent === true ? "yes" : "no",
    // A confirmation's (user.confirmed): whether a link to choose a password went out, and replaced an open invitation.
    welcome: str(detail.welcome) || "other",
    // A bulk action's (users.bulk): which one, and how it went.
    bulkAction: str(detail.bulkAction) || "other",
    done: typeof detail.done === "number" ? detail.done : 0,
    unchanged: typeof detail.unchanged === "number" ? detail.unchanged : 0,
    refused: typeof detail.refused === "number" ? detail.refused : 0,
  };
}

/** An action code's short name ("User deactivated"), or the code itself when it has none. */
export function actionName(code: string, w: AuditWords): string {
  return hasMessage(w.events, `names.${code}`) ? w.events(`names.${code}`) : code;
}

/**
 * An audit event in words, in the reader's language. `names` holds the current names of the roles,
 * branches and teams its changes point at (lookupUnitNames); a missing one shows as deleted.
 */
export function describeEvent(row: Row, w: AuditWords, names: UnitNames): DescribedEvent {
  const kind = kindOf(row);
  const actor = actorNames(row, kind, w);
  const known = hasMessage(w.events, `events.${row.action}`);
  return {
    sentence: known ? w.events(`events.${row.action}`, sentenceValues(row, actor.inSentence, kind, w)) : row.action,
    actionName: actionName(row.action, w),
    actor: { kind, kindLabel: w.events(`kinds.${kind ?? "anonymous"}`), name: actor.shown },
    // The settings' section by its name in the reader's language ("General settings"), not its key.
    target:
      row.targetType === "settings" && row.targetName && hasMessage(w.events, `sections.${row.targetName}`)
        ? w.events(`sections.${row.targetName}`)
        : (row.targetName ?? null),
    changes: changesOf(row, w, names),
  };
}
