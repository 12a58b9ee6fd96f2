import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Ctx } from "../context";
import { can } from "../context";
import { Forbidden, NotFound } from "../errors";

/** Who may read the API reference in the console: whoever makes keys or may use them. */
export function assertMayReadApiReference(ctx: Ctx): void {
  if (!can(ctx.actor, "api.admin") && !can(ctx.actor, "api.access")) throw Forbidden();
}

// The viewer's files, served from Rollcall's own origin (no CDN: the CSP and offline installs forbid it).
const ASSETS: Record<string, string> = {
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "swagger-ui.css": "text/css; charset=utf-8",
};

/** One of the viewer's files from the installed swagger-ui-dist package; anything else is a 404. */
export async function referenceAsset(name: string): Promise<{ body: Buffer; type: string }> {
  const type = ASSETS[name];
  if (!type) throw NotFound("No such file.");
  return { body: await readFile(path.join(process.cwd(), "node_modules", "swagger-ui-dist", name)), type };
}
