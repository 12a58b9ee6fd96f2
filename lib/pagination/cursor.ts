import { z } from "zod";
import { DomainError } from "../errors";

/**
 * Opaque keyset cursors: the sort a page was read in and the last row's sort values, base64url JSON.
 * Decoding checks every value's shape before it reaches SQL, so a forged cursor is a 400, never a
 * database error. Timestamps travel as PostgreSQL's own text (microseconds kept).
 */
export type CursorValue = "text" | "uuid" | "timestamp";

const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

const valid: Record<CursorValue, (v: string) => boolean> = {
  text: (v) => v.length <= 1000 && !CONTROL.test(v),
  uuid: (v) => z.uuid().safeParse(v).success,
  timestamp: (v) => TIMESTAMP.test(v) && !Number.isNaN(Date.parse(v.replace(" ", "T").replace(/([+-]\d{2})$/, "$1:00"))),
};

export function encodeCursor(scope: string, values: (string | null)[]): string {
  return Buffer.from(JSON.stringify([scope, ...values]), "utf8").toString("base64url");
}

const Invalid = () =>
  new DomainError("bad_request", "That cursor is not valid: start again from the first page.", { fieldErrors: { cursor: ["That cursor is not valid."] } });

export function decodeCursor(cursor: string, scope: string, kinds: CursorValue[]): string[];
export function decodeCursor(cursor: string, scope: string, kinds: CursorValue[], nullable: boolean[]): (string | null)[];
/** The values, checked against their kinds; a kind marked in `nullable` may also be null (a sort column with no value). */
export function decodeCursor(cursor: string, scope: string, kinds: CursorValue[], nullable: boolean[] = []): (string | null)[] {
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(cursor)) throw Invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw Invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== kinds.length + 1 || parsed[0] !== scope) throw Invalid();
  const values = parsed.slice(1);
  if (!values.every((v, i) => (v === null ? !!nullable[i] : typeof v === "string" && valid[kinds[i]](v)))) throw Invalid();
  return values as (string | null)[];
}
