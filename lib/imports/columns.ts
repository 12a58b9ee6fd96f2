/**
 * The columns of the import template, in order: each a field of the user, the header the template
 * and the export write, and the other headers that mean the same (English and Spanish spreadsheets,
 * other consoles' exports). Matching ignores case, accents, spaces and punctuation.
 */
export const IMPORT_COLUMNS = [
  { field: "firstName", header: "First name", synonyms: ["first", "given name", "nombre", "nombres", "primer nombre"] },
  { field: "lastName", header: "Last name", synonyms: ["last", "surname", "family name", "apellido", "apellidos"] },
  { field: "username", header: "Username", synonyms: ["user name", "login", "user", "usuario", "nombre de usuario"] },
  { field: "email", header: "E-mail", synonyms: ["email", "work email", "email address", "correo", "correo electronico", "e-mail de trabajo"] },
  { field: "personalEmail", header: "Personal e-mail", synonyms: ["personal email", "private email", "correo personal"] },
  { field: "phone", header: "Phone", synonyms: ["phone number", "mobile", "cell", "telefono", "celular", "movil"] },
  { field: "gender", header: "Gender", synonyms: ["sex", "genero", "sexo"] },
  { field: "birthday", header: "Birthday", synonyms: ["birth date", "date of birth", "dob", "fecha de nacimiento", "nacimiento", "cumpleanos"] },
  { field: "country", header: "Country", synonyms: ["country code", "pais"] },
  { field: "language", header: "Language", synonyms: ["locale", "idioma", "lengua"] },
  { field: "position", header: "Position", synonyms: ["title", "job title", "cargo", "puesto"] },
  { field: "branch", header: "Branch", synonyms: ["office", "location", "sucursal", "oficina", "sede"] },
  { field: "team", header: "Team", synonyms: ["department", "group", "equipo", "departamento", "grupo"] },
  { field: "role", header: "Role", synonyms: ["rol", "perfil"] },
  { field: "status", header: "Status", synonyms: ["state", "estado"] },
  {
    field: "accountExpiresOn",
    header: "Expiration date",
    synonyms: ["expires", "expires on", "account expires", "fecha de vencimiento", "vence", "vencimiento"],
  },
  {
    field: "adminConsoleAccess",
    header: "Admin console",
    synonyms: ["admin console access", "console access", "consola de administracion", "acceso a la consola"],
  },
  { field: "sendEndOfDayReport", header: "End-of-day report", synonyms: ["end of day report", "daily report", "reporte diario", "reporte de fin de dia"] },
  { field: "notifyGeneral", header: "General notifications", synonyms: ["notificaciones generales"] },
  { field: "notifyDomain", header: "Domain notifications", synonyms: ["notificaciones de dominio"] },
  { field: "notifyInvoice", header: "Invoice notifications", synonyms: ["notificaciones de facturas", "notificaciones de factura"] },
  { field: "notifyService", header: "Service notifications", synonyms: ["notificaciones de servicio", "notificaciones de servicios"] },
] as const;

export type ImportField = (typeof IMPORT_COLUMNS)[number]["field"];
export const IMPORT_FIELDS: readonly ImportField[] = IMPORT_COLUMNS.map((c) => c.field);
export const isImportField = (value: string): value is ImportField => (IMPORT_FIELDS as readonly string[]).includes(value);

/** A header as matching sees it: lower case, no accents, letters and digits only. */
export function normalizeHeader(header: string): string {
  return header
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}

const known = new Map<string, ImportField>();
for (const c of IMPORT_COLUMNS) for (const name of [c.header, c.field, ...c.synonyms]) known.set(normalizeHeader(name), c.field);

/**
 * A mapping for the file's headers: what was chosen for the same header last time, else the
 * template's header or a synonym; null where nothing fits. A field is used once.
 */
export function suggestMapping(headers: string[], remembered: Map<string, string>): (ImportField | null)[] {
  const used = new Set<string>();
  return headers.map((header) => {
    const key = normalizeHeader(header);
    const choice = remembered.get(key) ?? known.get(key) ?? null;
    if (!choice || !isImportField(choice) || used.has(choice)) return null;
    used.add(choice);
    return choice;
  });
}

/**
 * The columns the export adds after the template's: what happened to each account, for an access
 * review (who never signed in, who is locked and why). Read-only: the import ignores them.
 */
export const EXPORT_RECORD_COLUMNS = [
  { key: "registeredAt", header: "Registered (UTC)" },
  { key: "lastLoginAt", header: "Last sign-in (UTC)" },
  { key: "lastActivityAt", header: "Last activity (UTC)" },
  { key: "lockedAt", header: "Locked (UTC)" },
  { key: "lockReason", header: "Lock reason" },
] as const;

/**
 * Columns a file may carry that are ours but not fields: those the rejected rows' file adds after
 * the file's own (the row number and the reasons, in either language) and the export's record
 * columns. A fixed file, or an export, uploaded again needs no mapping for them: they are ignored.
 */
const IGNORED_COLUMNS = new Set(["Row", "Reason", "Fila", "Motivo", ...EXPORT_RECORD_COLUMNS.map((c) => c.header)].map(normalizeHeader));

/** True when every header maps to a field or is one of ours that is ignored: no mapping step is needed. */
export const mappingComplete = (mapping: (string | null)[], headers: string[]) =>
  mapping.length > 0 && mapping.every((m, i) => m !== null || IGNORED_COLUMNS.has(normalizeHeader(headers[i] ?? "")));
