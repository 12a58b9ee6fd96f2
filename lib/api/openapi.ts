import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import {
  ClientRecordSchema,
  ClientsQuery,
  CreateClientBody,
  CreatedUserSchema,
  CreateUserBody,
  DeleteUserQuery,
  InviteBody,
  list,
  page,
  PermissionsBody,
  PermissionsRecordSchema,
  ProblemSchema,
  ReassignBody,
  RoleBody,
  RoleRecordSchema,
  UnblockBody,
  UnitBody,
  UnitRecordSchema,
  UpdateClientBody,
  UpdateRoleBody,
  UpdateUserBody,
  UserRecordSchema,
  UsersQuery,
} from "./schemas";

type Method = "get" | "post" | "put" | "patch" | "delete";

interface Operation {
  summary: string;
  description?: string;
  tag: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  optionalBody?: boolean;
  ok: { status: number; description: string; schema?: z.ZodType; headers?: string[] };
  /** Refusals this operation gives besides the ones every call can (401, 403, 429, 503). */
  errors?: number[];
  idempotent?: boolean;
  ifMatch?: boolean;
}

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: "Malformed request: bad JSON, an unknown or repeated query parameter, an invalid cursor.",
  401: "No API key, or a key that is unknown, revoked or expired.",
  403: "The key's role (cut down to its creator's current permissions) does not allow this, or the target outranks it.",
  404: "Nothing has that id.",
  409: "The request conflicts with the current state (a duplicate, assigned clients, an Idempotency-Key still in flight).",
  412: "A rule of the current state refuses it: a stale If-Match, the last active Administrator.",
  413: "The body is over 1 MB.",
  415: "The body is not application/json.",
  422: "Some fields are invalid or unknown; `errors` names each with its path.",
  429: "This key has made too many requests this minute; see Retry-After.",
  503: "Rollcall can't reach its database; see Retry-After.",
};

const HEADER_DESCRIPTIONS: Record<string, string> = {
  ETag: "The user's version; send it back as If-Match.",
  Location: "The new resource.",
  Link: 'The next page, rel="next".',
};

const registry = new OpenAPIRegistry();
registry.registerComponent("securitySchemes", "apiKey", {
  type: "http",
  scheme: "bearer",
  bearerFormat: "rk_…",
  description: "An API key from Settings → API keys, sent as `Authorization: Bearer rk_…`. Cookies are ignored.",
});

const problem = (status: number) => ({ description: PROBLEM_DESCRIPTIONS[status], content: { "application/problem+json": { schema: ProblemSchema } } });
const IdParam = z.object({ id: z.uuid() });

function add(method: Method, path: string, op: Operation) {
  const headers: z.ZodObject[] = [];
  if (op.idempotent)
    headers.push(
      z.object({
        "Idempotency-Key": z
          .string()
          .optional()
          .meta({ description: "Retries with the same key within 24 hours get the first answer; another body with it is 422; while it runs, 409." }),
      }),
    );
  if (op.ifMatch)
    headers.push(z.object({ "If-Match": z.string().optional().meta({ description: 'The ETag from GET, e.g. "3": a user changed since is 412.' }) }));
  const errors = [...new Set([401, 403, 429, 503, ...(op.errors ?? []), ...(op.body ? [400, 413, 415, 422] : []), ...(op.query ? [400] : [])])].sort();
  const config: RouteConfig = {
    method,
    path,
    summary: op.summary,
    description: op.description,
    tags: [op.tag],
    security: [{ apiKey: [] }],
    request: {
      ...(path.includes("{id}") ? { params: IdParam } : {}),
      ...(op.query ? { query: op.query } : {}),
      ...(headers.length ? { headers } : {}),
      ...(op.body ? { body: { required: !op.optionalBody, content: { "application/json": { schema: op.body } } } } : {}),
    },
    responses: {
      [op.ok.status]: {
        description: op.ok.description,
        ...(op.ok.headers
          ? { headers: Object.fromEntries(op.ok.headers.map((h) => [h, { description: HEADER_DESCRIPTIONS[h], schema: { type: "string" } }])) }
          : {}),
        ...(op.ok.schema ? { content: { "application/json": { schema: op.ok.schema } } } : {}),
      },
      ...Object.fromEntries(errors.map((status) => [status, problem(status)])),
    },
  };
  registry.registerPath(config);
}

const user = { status: 200, description: "The user.", schema: UserRecordSchema };

add("get", "/users", {
  tag: "Users",
  summary: "List users",
  description:
    "Search (name, username, e-mail, phone digits; accents ignored) and filter; sorted with the id as tie-break, so paging by `cursor` neither repeats nor skips a user.",
  query: UsersQuery,
  ok: { status: 200, description: "A page of users.", schema: page(UserRecordSchema, "UserPage"), headers: ["Link"] },
});
add("post", "/users", {
  tag: "Users",
  summary: "Create a user",
  description:
    "With `access: password` the user is Active (or Inactive); with `access: invite` the user is Pending and gets an invitation (e-mailed to `personalEmail`, or returned as `invitationLink`). The key needs users.create and every permission of the role.",
  body: CreateUserBody,
  idempotent: true,
  errors: [409],
  ok: { status: 201, description: "Created.", schema: CreatedUserSchema, headers: ["Location", "ETag"] },
});
add("get", "/users/{id}", { tag: "Users", summary: "Read a user", errors: [404], ok: { ...user, headers: ["ETag"] } });
add("patch", "/users/{id}", {
  tag: "Users",
  summary: "Update a user",
  description: "Changes only the fields sent. The same rules as the console: outranking, your own role, the last Administrator.",
  body: UpdateUserBody,
  ifMatch: true,
  errors: [404, 409, 412],
  ok: { ...user, headers: ["ETag"] },
});
add("delete", "/users/{id}", {
  tag: "Users",
  summary: "Delete a user",
  description: "A user with assigned clients is refused with 409 and the list of clients, unless `reassignClientsTo` names an active user who takes them over.",
  query: DeleteUserQuery,
  ifMatch: true,
  errors: [404, 409, 412, 422],
  ok: { status: 204, description: "Deleted." },
});
for (const [action, summary, description] of [
  ["deactivate", "Deactivate a user", "Inactive, and every session ends on its next request."],
  ["reactivate", "Reactivate a user", "An Inactive user becomes Active."],
  ["confirm", "Confirm a user", "A Pending user becomes Active without registering."],
] as const)
  add("post", `/users/{id}/${action}`, { tag: "Users", summary, description, ifMatch: true, errors: [404, 412], ok: { ...user, headers: ["ETag"] } });
add("post", "/users/{id}/unblock", {
  tag: "Users",
  summary: "Unblock a user",
  description: "Clears a lock (wrong passwords or inactivity); optionally e-mails a password-reset link.",
  body: UnblockBody,
  optionalBody: true,
  ifMatch: true,
  errors: [404, 412],
  ok: { ...user, headers: ["ETag"] },
});
add("post", "/users/{id}/invite", {
  tag: "Users",
  summary: "Invite a user again",
  description: "A new invitation for a Pending user; the previous link stops working.",
  body: InviteBody,
  optionalBody: true,
  errors: [404, 412],
  ok: { status: 200, description: "Sent.", schema: z.object({ invitationLink: z.string().nullable() }) },
});
add("get", "/users/{id}/permissions", {
  tag: "Permissions",
  summary: "Read a user's permissions",
  errors: [404],
  ok: { status: 200, description: "Effective permissions.", schema: PermissionsRecordSchema },
});
add("put", "/users/{id}/permissions", {
  tag: "Permissions",
  summary: "Set a user's per-user permissions",
  body: PermissionsBody,
  errors: [404, 412],
  ok: { status: 200, description: "Effective permissions after the change.", schema: PermissionsRecordSchema },
});
add("post", "/users/{id}/clients/reassign", {
  tag: "Clients",
  summary: "Reassign all of a user's clients",
  body: ReassignBody,
  errors: [404],
  ok: { status: 200, description: "How many moved.", schema: z.object({ moved: z.number().int(), to: z.object({ id: z.uuid(), name: z.string() }) }) },
});

add("get", "/clients", {
  tag: "Clients",
  summary: "List clients",
  query: ClientsQuery,
  ok: { status: 200, description: "A page of clients.", schema: page(ClientRecordSchema, "ClientPage") },
});
add("post", "/clients", {
  tag: "Clients",
  summary: "Create a client",
  description: "A record of another system assigned to a user. `externalId` is unique in the organization.",
  body: CreateClientBody,
  idempotent: true,
  errors: [409],
  ok: { status: 201, description: "Created.", schema: ClientRecordSchema, headers: ["Location"] },
});
add("get", "/clients/{id}", {
  tag: "Clients",
  summary: "Read a client",
  errors: [404],
  ok: { status: 200, description: "The client.", schema: ClientRecordSchema },
});
add("patch", "/clients/{id}", {
  tag: "Clients",
  summary: "Update or reassign a client",
  body: UpdateClientBody,
  errors: [404, 409],
  ok: { status: 200, description: "The client.", schema: ClientRecordSchema },
});
add("delete", "/clients/{id}", { tag: "Clients", summary: "Delete a client", errors: [404], ok: { status: 204, description: "Deleted." } });

add("get", "/roles", { tag: "Roles", summary: "List roles", ok: { status: 200, description: "Every role.", schema: list(RoleRecordSchema, "RoleList") } });
add("post", "/roles", {
  tag: "Roles",
  summary: "Create a role",
  body: RoleBody,
  idempotent: true,
  errors: [409],
  ok: { status: 201, description: "Created.", schema: RoleRecordSchema, headers: ["Location"] },
});
add("get", "/roles/{id}", { tag: "Roles", summary: "Read a role", errors: [404], ok: { status: 200, description: "The role.", schema: RoleRecordSchema } });
add("patch", "/roles/{id}", {
  tag: "Roles",
  summary: "Update a role",
  body: UpdateRoleBody,
  errors: [404, 409, 412],
  ok: { status: 200, description: "The role.", schema: RoleRecordSchema },
});
add("delete", "/roles/{id}", { tag: "Roles", summary: "Delete a role", errors: [404, 412], ok: { status: 204, description: "Deleted." } });

for (const [plural, tag] of [
  ["branches", "Branches"],
  ["teams", "Teams"],
] as const) {
  const one = plural === "branches" ? "branch" : "team";
  add("get", `/${plural}`, { tag, summary: `List ${plural}`, ok: { status: 200, description: `Every ${one}.`, schema: list(UnitRecordSchema, "UnitList") } });
  add("post", `/${plural}`, {
    tag,
    summary: `Create a ${one}`,
    body: UnitBody,
    idempotent: true,
    errors: [409],
    ok: { status: 201, description: "Created.", schema: UnitRecordSchema, headers: ["Location"] },
  });
  add("get", `/${plural}/{id}`, { tag, summary: `Read a ${one}`, errors: [404], ok: { status: 200, description: `The ${one}.`, schema: UnitRecordSchema } });
  add("patch", `/${plural}/{id}`, {
    tag,
    summary: `Rename a ${one}`,
    body: UnitBody,
    errors: [404, 409],
    ok: { status: 200, description: `The ${one}.`, schema: UnitRecordSchema },
  });
  add("delete", `/${plural}/{id}`, { tag, summary: `Delete a ${one}`, errors: [404, 412], ok: { status: 204, description: "Deleted." } });
}

add("get", "/openapi.json", { tag: "Reference", summary: "This document", ok: { status: 200, description: "OpenAPI 3.1." } });

let document: ReturnType<OpenApiGeneratorV31["generateDocument"]> | undefined;

/** The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the endpoints parse with. */
export function openApiDocument() {
  document ??= new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Rollcall API",
      version: "1.0.0",
      description:
        "Manage users, their permissions and assigned clients from the organization's other systems. Authenticate with an API key (`Authorization: Bearer rk_…`); a key acts with its role's permissions, never above those its creator holds now. Errors are application/problem+json (RFC 9457). Each key may make a set number of requests a minute (Settings → Security); beyond it, 429 with Retry-After.",
    },
    servers: [{ url: "/api/v1" }],
    security: [{ apiKey: [] }],
  });
  return document;
}
