/**
 * messages/es/domain.json turns the domain's English (DomainError messages, zod messages, the
 * password policy, sign-in refusals, the texts verbs return) into Spanish at the boundary: exact
 * sentences, patterns with {placeholders}, and the English words the code puts into {verb}, {label},
 * {what}, {kind} and {field}. This checks the catalog is well formed, that every message-looking
 * string in lib/ is covered, and that real refusals come out as whole Spanish sentences.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as zxcvbnEn from "@zxcvbn-ts/language-en";
import type { Actor } from "@/lib/context";
import { ALL_PERMISSIONS, type Permission } from "@/lib/permissions/catalog";
import { assertMayGrant, assertNotLastAdministrator, assertNotSelf, assertOutranks, type Target } from "@/lib/permissions/guards";
import { UNITS, UnitName } from "@/lib/organization/units";
import { SecuritySettingsInput } from "@/lib/settings/update-security-settings";
import { OptionalDate, OptionalText, PersonName } from "@/lib/validation";
import { translateMessage } from "@/lib/i18n/domain-messages";

interface Catalog {
  exact: Record<string, string>;
  patterns: { en: string; es: string }[];
  words: Record<string, string>;
}

const catalog = JSON.parse(readFileSync(path.join("messages", "es", "domain.json"), "utf8")) as Catalog;

const TRANSLATED = new Set(["verb", "label", "what", "kind", "field"]);
const KEPT = new Set(["name", "count", "n", "max", "min", "days", "bytes", "date", "time", "when"]);
const LOCALIZED = new Set(["country", "list"]); // said by lib/i18n/domain-messages.ts in the reader's language

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** The pattern's English as a regex: escaped, each {placeholder} a lazy group, anchored. */
const toRegex = (en: string) =>
  new RegExp(
    `^${en
      .split(/(\{\w+\})/)
      .map((part) => (/^\{\w+\}$/.test(part) ? "(.+?)" : escape(part)))
      .join("")}$`,
    "s",
  );
const compiled = catalog.patterns.map((p) => ({ ...p, regex: toRegex(p.en), names: placeholders(p.en) }));

/** What the boundary does with the catalog (lib/i18n/domain-messages.ts, the very function). */
const translate = (message: string): string => translateMessage(message, "es");
const covered = (message: string) => message in catalog.exact || compiled.some((p) => p.regex.test(message));

// ---------------------------------------------------------------------------------------------
// Reading lib/: string and template literals that look like a sentence a person reads.

// The REST API's transport (lib/api: bodies, queries, the OpenAPI text) and its cursors speak English to
// the programs that call it; the verbs behind it are covered like every other. The built-in roles'
// seeded descriptions are page text in messages/*/server/Roles.json (tests/roles.test.ts holds both).
const EXCLUDED = (file: string) =>
  file === "lib/env.ts" || file === "lib/roles/built-in.ts" || file.startsWith("lib/log/") || file.startsWith("lib/api/") || file.startsWith("lib/pagination/");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sources(file) : file.endsWith(".ts") ? [file] : [];
  });
}

const looksLikeMessage = (text: string) =>
  /^[A-Z]/.test(text) && text.endsWith(".") && text.includes(" ") && !/^(SELECT|INSERT|UPDATE|DELETE|WITH)\b/i.test(text);

/** A `${…}` becomes "X"; a ternary between string literals (the English plurals) becomes each of its forms. */
function forms(expression: ts.Expression): string[] {
  let e = expression;
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  if (ts.isConditionalExpression(e)) return [...forms(e.whenTrue), ...forms(e.whenFalse)];
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
  return ["X"];
}

interface Found {
  where: string;
  text: string;
}

/**
 * Every message-looking literal of a source file. Skipped: sql`…` (SQL), import paths, and text the
 * code already writes in the reader's language (a ternary on `lang === "es"`: e-mail details).
 */
function messagesIn(source: string, file = "inline.ts"): Found[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: Found[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && /(^|\.)sql(\.|$)/.test(node.tag.getText(sf))) return;
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isConditionalExpression(node) && /\b(lang|language)\s*===\s*["']es["']/.test(node.condition.getText(sf))) return;
    let texts: string[] = [];
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) texts = [node.text];
    else if (ts.isTemplateExpression(node)) {
      texts = [node.head.text];
      for (const span of node.templateSpans) texts = texts.flatMap((t) => forms(span.expression).map((f) => t + f + span.literal.text));
    }
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    for (const text of texts) if (looksLikeMessage(text)) found.push({ where: `${file}:${line}`, text });
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

const libFiles = sources("lib")
  .map((f) => f.split(path.sep).join("/"))
  .filter((f) => !EXCLUDED(f));
const libMessages = libFiles.flatMap((file) => messagesIn(readFileSync(file, "utf8"), file));

// The words call sites pass into translated placeholders: function → [argument index, placeholder].
const WORD_ARGUMENTS: Record<string, [number, string]> = {
  assertOutranks: [2, "verb"],
  assertNotSelf: [2, "verb"],
  assertNotLastAdministrator: [2, "verb"],
  changeStatus: [2, "verb"], // passed on to assertNotSelf and assertOutranks
  assertMayGrant: [2, "what"],
  PersonName: [0, "label"],
  OptionalText: [1, "label"],
  OptionalDate: [0, "label"],
};

/** String literals at those call sites (and as those parameters' defaults), by function. */
function wordsPassed(): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>(Object.keys(WORD_ARGUMENTS).map((f) => [f, new Set<string>()]));
  for (const file of libFiles) {
    const sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text in WORD_ARGUMENTS) {
        const arg = node.arguments[WORD_ARGUMENTS[node.expression.text][0]];
        if (arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) out.get(node.expression.text)!.add(arg.text);
      }
      if (ts.isFunctionDeclaration(node) && node.name && node.name.text in WORD_ARGUMENTS) {
        const init = node.parameters[WORD_ARGUMENTS[node.name.text][0]]?.initializer;
        if (init && ts.isStringLiteral(init)) out.get(node.name.text)!.add(init.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}
const passed = wordsPassed();

// ---------------------------------------------------------------------------------------------

describe("messages/es/domain.json", () => {
  it("has exact sentences, patterns and words, all strings", () => {
    expect(Object.keys(catalog).sort()).toEqual(["exact", "patterns", "words"]);
    for (const [en, es] of Object.entries(catalog.exact)) expect(typeof es, en).toBe("string");
    for (const [en, es] of Object.entries(catalog.words)) expect(typeof es === "string" && es.trim().length > 0, en).toBe(true);
    for (const p of catalog.patterns) expect(Object.keys(p).sort(), JSON.stringify(p)).toEqual(["en", "es"]);
    expect(new Set(catalog.patterns.map((p) => p.en)).size).toBe(catalog.patterns.length);
  });

  it("gives every exact sentence a Spanish text of its own", () => {
    for (const [en, es] of Object.entries(catalog.exact)) {
      expect(es.trim(), en).not.toBe("");
      expect(es, en).not.toBe(en);
    }
  });

  it("keeps the same placeholders in a pattern's English and Spanish, all of known kinds", () => {
    for (const { en, es } of catalog.patterns) {
      expect(new Set(placeholders(es)), en).toEqual(new Set(placeholders(en)));
      expect(placeholders(en).length, en).toBeGreaterThan(0);
      for (const name of placeholders(en)) expect(TRANSLATED.has(name) || KEPT.has(name) || LOCALIZED.has(name), `{${name}} in ${en}`).toBe(true);
      expect(es, en).not.toBe(en);
    }
  });

  it("orders patterns from specific to general: no earlier pattern takes another's messages", () => {
    const sample: Record<string, string> = {
      name: "Ana María López",
      list: "View users, View audit log",
      when: "30 Nov 2025, 08:06 UTC",
      date: "2025-11-30",
      country: "Panama",
    };
    compiled.forEach((p, i) => {
      const message = p.names.reduce((text, name) => text.replace(`{${name}}`, sample[name] ?? (TRANSLATED.has(name) ? "qqq" : "7")), p.en);
      expect(
        compiled.findIndex((q) => q.regex.test(message)),
        p.en,
      ).toBe(i);
    });
  });

  it("says a country by its name in the reader's language", () => {
    const en = "Enter a valid phone number for Spain, or start with + and the country code (e.g. +507 6123 4567).";
    expect(translateMessage(en, "es")).toBe("Escribe un número de teléfono válido para España, o empieza con + y el código de país (p. ej., +507 6123 4567).");
    expect(translateMessage(en, "en")).toBe(en);
  });

  it("says a moment as the reader's language writes it, September's short name included", async () => {
    const { formatDateTime } = await import("@/lib/format");
    for (const at of [new Date("2026-12-03T21:42:00Z"), new Date("2026-09-07T08:05:00Z")]) {
      const en = `This user was changed by Ada Lovelace at ${formatDateTime(at)} — reload to see their changes.`;
      expect(translateMessage(en, "es")).toBe(`Ada Lovelace modificó este usuario el ${formatDateTime(at, "es")}; recarga la página para ver sus cambios.`);
    }
    expect(translateMessage("This user was changed by Ada at not a date — reload to see their changes.", "es")).toContain("el not a date");
  });

  it("covers every message-looking string in lib/", () => {
    expect(libMessages.length).toBeGreaterThan(100);
    const missing = libMessages.filter((m) => !covered(m.text)).map((m) => `${m.where}: ${m.text}`);
    expect(missing).toEqual([]);
  });

  it("the scanner finds what it should", () => {
    const found = messagesIn(`
      import x from "./Not a message.";
      const a = "Enter your password.";
      const b = \`You cannot \${verb} \${target.name}.\`;
      const c = \`\${n} user\${n === 1 ? " holds" : "s hold"} the role.\`;
      const d = sql\`Select Something from t.\`;
      const e = lang === "es" ? "Ya está hecho." : "It is done already.";
      const f = "lower case sentence.";
      // A comment sentence.
    `).map((m) => m.text);
    expect(found).toEqual(["Enter your password.", "You cannot X X.", "X user holds the role.", "X users hold the role."]);
  });

  it("has a Spanish word for every English word the code passes into a translated placeholder", () => {
    const all = [...passed.values()].flatMap((s) => [...s]);
    expect(passed.get("assertOutranks")!.size).toBeGreaterThan(3);
    expect(passed.get("PersonName")!.size).toBeGreaterThan(0);
    const units = Object.values(UNITS).map((u) => u.label);
    const warnings = Object.values(zxcvbnEn.translations.warnings).map((w) => w.replace(/\.$/, ""));
    for (const word of [...all, ...units, ...warnings]) expect(catalog.words, word).toHaveProperty([word]);
  });
});

describe("real refusals read as whole Spanish sentences", () => {
  const NAME = "Ana María López";
  const actor: Actor = { kind: "user", userId: "00000000-0000-4000-8000-000000000001", name: "Ben", username: "ben", roleKey: null, permissions: new Set() };
  const target = {
    id: "00000000-0000-4000-8000-000000000002",
    name: NAME,
    roleKey: "administrator",
    status: "active",
    lockedAt: null,
    adminConsoleAccess: true,
    accountExpiresOn: null,
    permissions: new Set<Permission>(["users.view"]),
  } as unknown as Target;
  // Just enough of a transaction for assertNotLastAdministrator: no other administrator is found.
  const chain: Record<string, unknown> = {};
  for (const step of ["from", "innerJoin", "where"]) chain[step] = () => chain;
  chain.limit = async () => [];
  const tx = { execute: async () => undefined, select: () => chain } as unknown as Parameters<typeof assertNotLastAdministrator>[0];

  const messageOf = async (fn: () => unknown): Promise<string> => {
    try {
      await fn();
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error("expected a refusal");
  };
  const expectSpanish = (english: string, ...parts: string[]) => {
    const spanish = translate(english);
    expect(spanish, english).not.toBe(english);
    for (const part of parts) expect(spanish, `${english} → ${spanish}`).toContain(part);
  };

  it("names the target and says the verb in Spanish, for every verb the code passes", async () => {
    const verbs = (...fns: string[]) => [...new Set(fns.flatMap((f) => [...passed.get(f)!]))];
    for (const verb of verbs("assertOutranks", "changeStatus")) {
      expectSpanish(await messageOf(() => assertOutranks(actor, target, verb)), `No puedes ${catalog.words[verb]} a ${NAME}:`, "(Ver usuarios)");
    }
    for (const verb of verbs("assertNotSelf", "changeStatus")) {
      const self = { ...target, id: "00000000-0000-4000-8000-000000000001" } as Target;
      expectSpanish(await messageOf(() => assertNotSelf(actor, self, verb)), `No puedes ${catalog.words[verb]} `);
    }
    for (const verb of verbs("assertNotLastAdministrator")) {
      expectSpanish(await messageOf(() => assertNotLastAdministrator(tx, target, verb, new Date())), `No puedes ${catalog.words[verb]} a ${NAME}:`);
    }
  });

  it("says what cannot be given, and which permissions", async () => {
    const admin = new Set<Permission>(ALL_PERMISSIONS);
    for (const what of passed.get("assertMayGrant")!) {
      expectSpanish(
        await messageOf(() => assertMayGrant(actor, admin, what)),
        catalog.words[what],
        "(Ver usuarios, Crear usuarios, Actualizar usuarios y 21 más)",
      );
    }
    for (const what of ["the role Ventas", "the role Ventas with these per-user permissions"]) {
      const spanish = translate(await messageOf(() => assertMayGrant(actor, admin, what)));
      expect(spanish).toMatch(/^No puedes \S+ el rol Ventas[ :]/);
      expect(spanish).not.toMatch(/they|hold|give/);
    }
    // Editing a role that holds more than the editor: its own sentence (save-role.ts).
    expect(translate("You cannot edit the role Ventas: it has permissions you do not hold (View users, Delete users).")).toBe(
      "No puedes modificar el rol Ventas: tiene permisos que no tienes (Ver usuarios, Eliminar usuarios).",
    );
  });

  it("puts the field's name into the validation messages", () => {
    const first = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error!.issues[0].message;
    for (const label of passed.get("PersonName")!) {
      expectSpanish(first(PersonName(label).safeParse("")), catalog.words[label]);
      expectSpanish(first(PersonName(label).safeParse("x".repeat(101))), catalog.words[label]);
    }
    for (const label of passed.get("OptionalText")!) expectSpanish(first(OptionalText(5, label).safeParse("x".repeat(6))), catalog.words[label], "5");
    for (const label of passed.get("OptionalDate")!) {
      expectSpanish(first(OptionalDate(label).safeParse("soon")), catalog.words[label]);
      expectSpanish(first(OptionalDate(label).safeParse("1999-02-30")), catalog.words[label]);
    }
    for (const kind of Object.keys(UNITS) as (keyof typeof UNITS)[]) {
      expectSpanish(first(UnitName(kind).safeParse("")));
      expectSpanish(first(UnitName(kind).safeParse("x".repeat(81))));
    }
    const settings = SecuritySettingsInput.safeParse(Object.fromEntries(Object.keys(SecuritySettingsInput.shape).map((key) => [key, "-1.5"])));
    for (const issue of settings.error!.issues) expectSpanish(issue.message);
    expect(translate("Enter a whole number from 1 to 100.")).toBe("Escribe un número entero de 1 a 100.");
  });
});
