import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { database } from "@/db";
import type { Handle } from "@/db/client";
import { preparedPerDatabase } from "@/db/prepared";
import { idempotencyKeys, rateLimits, settings } from "@/db/schema";
import { authenticateApiKey } from "../api-keys/authenticate-api-key";
import { auditAuthzFailures } from "../audit/authz-failures";
import { assertCan, makeCtx, type ApiKeyActor, type Ctx } from "../context";
import type { Permission } from "../permissions/catalog";
import { deliverSoon } from "../email/kick";
import { seal, unseal } from "../email/seal";
import { Conflict, DomainError, NotFound, type FieldErrors } from "../errors";
import { clientAddress } from "../http/client-address";
import { problemResponse } from "../http/problem";
import { requestFields } from "../log";
import { refusalOf } from "../refusal";
import { SETTING_DEFAULTS } from "../settings/get-settings";
import { addFieldError, fieldErrorsOf } from "../validation";

/** The largest body the API reads (server/guard.mjs refuses larger ones before they arrive). */
export const MAX_BODY_BYTES = 1024 * 1024;
const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const RATE_WINDOW_SECONDS = 60;

export type ApiCtx = Ctx & { actor: ApiKeyActor };

export interface ApiResult {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface EndpointSpec<Q extends z.ZodType | undefined, B extends z.ZodType | undefined> {
  /** The query string's schema; a parameter it does not name is refused. */
  query?: Q;
  /** The JSON body's schema (a strict object); without one, a body is refused. */
  body?: B;
  /** The body may be left out entirely (an action with options). */
  bodyOptional?: boolean;
  /** POSTs that honour Idempotency-Key. */
  idempotent?: boolean;
  /**
   * The permission the endpoint's verb needs, checked (a refusal on record as the verb records it,
   * `attempted`) before the query and body are read: a caller who may not act at all hears 403, not
   * what their body lacks. The verb still checks it, with the rules about whom it acts on.
   */
  needs?: { permission: Permission; attempted: string };
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface Call<Q, B> {
  ctx: ApiCtx;
  /** The `[id]` of the path, checked to be a UUID (anything else is a 404). */
  id: string;
  query: Q;
  body: B;
  request: Request;
}

const BadRequest = (message: string, fieldErrors?: FieldErrors) => new DomainError("bad_request", message, { fieldErrors });

/** `errors` for 400/422 from a zod failure, with unknown members named as such. */
function problems(error: z.ZodError, where: string): FieldErrors {
  const out = fieldErrorsOf(error);
  for (const issue of error.issues)
    if (issue.code === "unrecognized_keys") {
      const key = issue.path.length ? issue.path.join(".") : "_form";
      out[key] = out[key].filter((m) => m !== issue.message);
      if (!out[key].length) delete out[key];
      for (const name of issue.keys) addFieldError(out, [...issue.path, name].join("."), `Unknown ${where}: remove it.`);
    }
  return out;
}

function parseQuery<S extends z.ZodType>(schema: S | undefined, url: URL): Out<S> {
  // No prototype: "?toString=1" is one parameter, and "?__proto__=1" an unknown one, not a prototype.
  const raw: Record<string, string> = Object.create(null);
  for (const [key, value] of url.searchParams) {
    if (Object.hasOwn(raw, key))
      throw BadRequest(`The query parameter ${key.slice(0, 40)} is given twice.`, { [key.slice(0, 40)]: ["Give this parameter once."] });
    raw[key] = value;
  }
  if (!schema) {
    if (Object.keys(raw).length) throw BadRequest("This endpoint takes no query parameters.");
    return undefined as Out<S>;
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw BadRequest("Some query parameters are not valid.", problems(result.error, "query parameter"));
  return result.data as Out<S>;
}

async function readBody(request: Request, spec: EndpointSpec<z.ZodType | undefined, z.ZodType | undefined>): Promise<{ value: unknown; text: string }> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw new DomainError("payload_too_large", "The body is larger than 1 MB.");
  const bytes = request.body ? new Uint8Array(await request.arrayBuffer()) : new Uint8Array();
  if (bytes.byteLength > MAX_BODY_BYTES) throw new DomainError("payload_too_large", "The body is larger than 1 MB.");
  // JSON is UTF-8 (RFC 8259): bytes that aren't, or another charset named, are refused, never stored as "�".
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers.get("content-type") ?? "")?.[1]?.toLowerCase();
  if (charset && charset !== "utf-8" && charset !== "utf8")
    throw new DomainError("unsupported_media_type", "Send the body as application/json in UTF-8 (charset=utf-8, or no charset).");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw BadRequest("The body is not valid UTF-8.");
  }
  if (!spec.body) {
    if (text.trim()) throw BadRequest("This endpoint takes no body.");
    return { value: undefined, text };
  }
  if (!text.trim()) {
    if (spec.bodyOptional) return { value: {}, text };
    throw BadRequest("Send a JSON body.");
  }
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json" && !/^application\/[a-z0-9.+-]+\+json$/.test(type))
    throw new DomainError("unsupported_media_type", "Send the body as application/json.");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw BadRequest("The body is not valid JSON.");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new DomainError("validation", "The body must be a JSON object.", { fieldErrors: { _form: ["Send a JSON object."] } });
  const result = spec.body.safeParse(value);
  if (!result.success) throw new DomainError("validation", "Some fields need your attention.", { fieldErrors: problems(result.error, "field") });
  return { value: result.data, text };
}

function respond(result: ApiResult, extra: Record<string, string>): Response {
  const headers = { "Cache-Control": "no-store", ...extra, ...result.headers };
  if (result.body === undefined) return new Response(null, { status: result.status ?? 204, headers });
  return Response.json(result.body, { status: result.status ?? 200, headers });
}

function withHeaders(response: Response, extra: Record<string, string>): Response {
  for (const [name, value] of Object.entries(extra)) if (!response.headers.has(name)) response.headers.set(name, value);
  return response;
}

/**
 * Counts one request against the key's fixed one-minute window, and reads the limit (the
 * `api.rateLimitPerMinute` setting) in the same statement: one round trip per request. Prepared, as
 * the key's lookup is: it runs on every request.
 */
async function hitApiRateLimit(db: Handle, keyId: string, now: Date) {
  const [row] = await rateStatement(db).execute({ key: `api:${keyId}`, now, windowStart: new Date(now.getTime() - RATE_WINDOW_SECONDS * 1000) });
  const retryAfterSeconds = Math.max(1, Math.ceil((new Date(row.windowStartedAt).getTime() + RATE_WINDOW_SECONDS * 1000 - now.getTime()) / 1000));
  const count = Number(row.count);
  const limit = Number(row.limit);
  return { allowed: count <= limit, count, limit, retryAfterSeconds };
}

const rateStatement = preparedPerDatabase((db) => {
  const windowOver = sql`${rateLimits.windowStartedAt} <= ${sql.placeholder("windowStart")}`;
  return db
    .insert(rateLimits)
    .values({ key: sql.placeholder("key"), count: 1, windowStartedAt: sql.placeholder("now") })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${windowOver} then 1 else ${rateLimits.count} + 1 end`,
        windowStartedAt: sql`case when ${windowOver} then ${sql.placeholder("now")} else ${rateLimits.windowStartedAt} end`,
      },
    })
    .returning({
      count: rateLimits.count,
      windowStartedAt: rateLimits.windowStartedAt,
      limit: sql<number>`coalesce((select (${settings.value}::text)::int from ${settings} where ${settings.key} = 'api.rateLimitPerMinute' and jsonb_typeof(${settings.value}) = 'number'), ${SETTING_DEFAULTS["api.rateLimitPerMinute"]})`,
    })
    .prepare("rollcall_api_rate");
});

const IdempotencyKey = z.string().regex(/^[\x21-\x7E]{1,255}$/);

/** A stored answer's body: sealed since session 22; one stored in clear before then (at most a day old) as it is. */
function storedBody(stored: unknown): unknown {
  const sealed = !!stored && typeof stored === "object" && Object.keys(stored).length === 1 && typeof (stored as { sealed?: unknown }).sealed === "string";
  return sealed ? unseal(stored) : (stored ?? undefined);
}

/**
 * Runs the handler once per (key, Idempotency-Key) for 24 hours. The claim, the change and the stored
 * answer share one transaction: a crash leaves none of them, a retry gets the first answer, the same
 * key with another body is 422, and a retry while the first is still running is 409.
 */
async function idempotent(db: Handle, ctx: ApiCtx, idempotencyKey: string, requestHash: string, run: (ctx: ApiCtx) => Promise<ApiResult>): Promise<Response> {
  return db.transaction(async (tx) => {
    const lock = `${ctx.actor.keyId}:${idempotencyKey}`;
    const [{ locked }] = (await tx.execute<{ locked: boolean }>(sql`select pg_try_advisory_xact_lock(hashtextextended(${lock}, 727005)) as locked`)).rows;
    if (!locked) throw Conflict("A request with this Idempotency-Key is still being processed: retry in a moment.");
    const now = ctx.now();
    const [previous] = await tx
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.apiKeyId, ctx.actor.keyId), eq(idempotencyKeys.key, idempotencyKey)));
    if (previous && previous.createdAt.getTime() > now.getTime() - IDEMPOTENCY_TTL_MS) {
      if (previous.requestHash !== requestHash)
        throw new DomainError("validation", "This Idempotency-Key was used with another request: use a new key for a new request.", {
          fieldErrors: { "Idempotency-Key": ["Already used with another request."] },
        });
      return respond(
        {
          status: previous.status,
          body: storedBody(previous.body),
          headers: { ...(previous.location ? { Location: previous.location } : {}), ...(previous.etag ? { ETag: previous.etag } : {}) },
        },
        { "Idempotent-Replayed": "true" },
      );
    }
    if (previous) await tx.delete(idempotencyKeys).where(and(eq(idempotencyKeys.apiKeyId, ctx.actor.keyId), eq(idempotencyKeys.key, idempotencyKey)));
    let result: ApiResult;
    try {
      result = await run({ ...ctx, db: tx });
    } catch (error) {
      // A refusal commits what it recorded (an authz_fail event) and stores no answer: a corrected retry may use the key.
      if (refusalOf(error)) return problemResponse(error);
      throw error;
    }
    const status = result.status ?? 200;
    if (status < 300)
      await tx.insert(idempotencyKeys).values({
        apiKeyId: ctx.actor.keyId,
        key: idempotencyKey,
        requestHash,
        status,
        // Sealed as the outbox's links are: an answer can carry a registration link (POST /users with a
        // shareable invitation), which must not sit in the database, or a backup of it, in clear.
        body: result.body === undefined ? null : seal(result.body),
        location: result.headers?.Location ?? null,
        etag: result.headers?.ETag ?? null,
        createdAt: now,
      });
    return respond(result, {});
  });
}

/**
 * One API endpoint: the boundary every /api/v1 route goes through. It reads the key from
 * `Authorization: Bearer` (cookies are never looked at), counts the request against the key's
 * per-minute limit in PostgreSQL, parses the path id, the query and the JSON body with zod (unknown
 * members refused), runs the handler with the key as the actor, and answers every refusal as
 * application/problem+json. Nothing unexpected leaks: it is logged and answered as a bare 500.
 */
export function endpoint<Q extends z.ZodType | undefined = undefined, B extends z.ZodType | undefined = undefined>(
  spec: EndpointSpec<Q, B>,
  handle: (call: Call<Out<Q>, Out<B>>) => Promise<ApiResult>,
) {
  return async (request: Request, route?: { params?: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    let rate: Record<string, string> = {};
    let actor: ApiKeyActor | null = null;
    try {
      const db = await database();
      const now = new Date();
      const ip = clientAddress(request.headers);
      actor = await authenticateApiKey(db, request.headers.get("authorization"), { ip, now });
      const hit = await hitApiRateLimit(db, actor.keyId, now);
      const limit = hit.limit;
      rate = {
        "RateLimit-Limit": String(limit),
        "RateLimit-Remaining": String(Math.max(0, limit - hit.count)),
        "RateLimit-Reset": String(hit.retryAfterSeconds),
      };
      if (!hit.allowed)
        throw new DomainError("rate_limited", `This key has made more than ${limit} requests this minute: wait and retry.`, {
          retryAfterSeconds: hit.retryAfterSeconds,
        });

      const params = (await route?.params) ?? {};
      const id = typeof params.id === "string" ? params.id : "";
      if ("id" in params && !z.uuid().safeParse(id).success) throw NotFound("Nothing here has that id.");
      const ctx: ApiCtx = { ...makeCtx(db, { actor, ip, userAgent: request.headers.get("user-agent"), now: () => new Date() }), actor };
      const needs = spec.needs;
      if (needs) await auditAuthzFailures(ctx, needs.attempted, async () => assertCan(ctx.actor, needs.permission));
      const url = new URL(request.url);
      const query = parseQuery(spec.query, url) as Out<Q>;
      const body = await readBody(request, spec);
      const run = (c: ApiCtx) => handle({ ctx: c, id, query, body: body.value as Out<B>, request });

      const idempotencyKey = request.headers.get("idempotency-key");
      let response: Response;
      if (spec.idempotent && idempotencyKey !== null) {
        if (!IdempotencyKey.safeParse(idempotencyKey).success)
          throw BadRequest("An Idempotency-Key is 1 to 255 visible ASCII characters.", { "Idempotency-Key": ["1 to 255 visible ASCII characters."] });
        const hash = createHash("sha256").update(`${request.method} ${url.pathname}\n${body.text}`).digest("hex");
        response = await idempotent(db, ctx, idempotencyKey, hash, run);
      } else {
        response = respond(await run(ctx), {});
      }
      if (request.method !== "GET") deliverSoon();
      return withHeaders(response, rate);
    } catch (error) {
      return withHeaders(problemResponse(error, requestFields(request.headers, actor)), rate);
    }
  };
}

export const API_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type ApiMethod = (typeof API_METHODS)[number];

/** Marks the handlers `notAllowed` makes: they are no endpoint (the OpenAPI document leaves them out). */
export const NOT_ALLOWED = Symbol.for("rollcall.api.notAllowed");

/**
 * A 405 for each method a route does not serve, in problem+json with the Allow header HTTP requires,
 * and the route's OPTIONS: `export const { PUT, DELETE, OPTIONS } = notAllowed({ GET, POST, PATCH })`.
 * Next.js's own answer to a method a route doesn't export is a bare 405 without Allow.
 */
export function notAllowed(served: Partial<Record<ApiMethod, unknown>>): Record<ApiMethod | "OPTIONS", (request: Request) => Promise<Response>> {
  const allow = [...API_METHODS.filter((m) => served[m]), ...(served.GET ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const refuse = Object.assign(
    async (request: Request) => {
      const response = problemResponse(new DomainError("method_not_allowed", `This endpoint does not take ${request.method}: it takes ${allow}.`));
      response.headers.set("Allow", allow);
      return response;
    },
    { [NOT_ALLOWED]: true },
  );
  // OPTIONS says the same: Next.js's own would list every method the route file exports, these included.
  const options = async () => new Response(null, { status: 204, headers: { Allow: allow, "Cache-Control": "no-store" } });
  const handlers: Record<string, (request: Request) => Promise<Response>> = { OPTIONS: options };
  for (const method of API_METHODS) handlers[method] = refuse;
  return handlers as Record<ApiMethod | "OPTIONS", (request: Request) => Promise<Response>>;
}
