/**
 * No interface text written inline: every word a person reads comes from messages/<locale>/…, so a
 * Spanish-speaking administrator never meets an English button. This reads every component and
 * page and fails on JSX text or on text attributes (aria-label, placeholder, title, label, alt)
 * with letters in them.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOTS = ["app", "components"];
// Words that are the same in every language, or not prose (TypeScript generics look like JSX text).
const ALLOWED = new Set(["Rollcall", "Promise", "Record", "Array", "Partial", "ReturnType", "Awaited"]);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? files(file) : file.endsWith(".tsx") ? [file] : [];
  });
}

function hardCoded(source: string): string[] {
  const found: string[] = [];
  const code = source.replace(/\{\/\*[\s\S]*?\*\/\}/g, "").replace(/^\s*\/\/.*$/gm, "");
  for (const m of code.matchAll(/>([^<>{}]*)</g)) {
    const text = m[1].trim();
    if (/[A-Za-zÀ-ÿ]{2,}/.test(text) && !ALLOWED.has(text) && !/^[\w.]+\s*=>/.test(text) && !text.includes("=>") && !/[;()=]/.test(text)) found.push(text);
  }
  for (const m of code.matchAll(/\b(aria-label|placeholder|title|label|alt|description|confirmLabel|emptyText|legend)="([^"]*)"/g)) {
    if (/[A-Za-zÀ-ÿ]{2,}/.test(m[2]) && !ALLOWED.has(m[2])) found.push(`${m[1]}="${m[2]}"`);
  }
  return found;
}

describe("interface text", () => {
  const all = ROOTS.flatMap((root) => files(root));
  it.each(all.map((f) => [f]))("%s has no hard-coded text", (file) => {
    expect(hardCoded(readFileSync(file, "utf8"))).toEqual([]);
  });

  it("the detector finds what it should", () => {
    expect(hardCoded(`<p>Delete user</p>`)).toEqual(["Delete user"]);
    expect(hardCoded(`<input placeholder="Search" />`)).toEqual(['placeholder="Search"']);
    expect(hardCoded(`<p>{t("delete")}</p><span aria-hidden="true">⋮</span>`)).toEqual([]);
  });
});

describe("message catalogs", () => {
  const keys = (value: unknown, prefix = ""): string[] =>
    value && typeof value === "object" ? Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)) : [prefix];
  for (const side of ["client", "server"]) {
    const names = readdirSync(path.join("messages", "en", side)).filter((f) => f.endsWith(".json"));
    it.each(names.map((n) => [side, n]))("%s/%s has the same keys in English and Spanish", (s, name) => {
      const en = JSON.parse(readFileSync(path.join("messages", "en", s, name), "utf8"));
      const es = JSON.parse(readFileSync(path.join("messages", "es", s, name), "utf8"));
      expect(keys(es).sort()).toEqual(keys(en).sort());
    });
  }
});
