/**
 * A table whose head pins its actions column (ThActions: sticky at the right edge, so a wide table
 * scrolled sideways on a phone keeps its buttons in view) pins the rows' cells too (TdActions).
 * One without the other covered the middle columns' headers with an empty cell while the rows'
 * buttons sat off screen (a user's invitations, the API keys, the e-mail outbox, the units).
 * The users list pins its ⋮ by its place in app/globals.css (.users-table), not by a class.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".tsx") ? [path] : [];
  });

describe("tables with an actions column", () => {
  it("pin the rows' action cells wherever the head pins its own", () => {
    const unpinned = [...files("app"), ...files("components")]
      .filter((path) => path !== join("components", "users", "users-table.tsx"))
      .filter((path) => {
        const source = readFileSync(path, "utf8");
        return source.includes("<ThActions") && !source.includes("<TdActions");
      });
    expect(unpinned).toEqual([]);
  });

  it("the users list pins its last column by its place", () => {
    expect(readFileSync("app/globals.css", "utf8")).toMatch(/\.users-table[^{]*(td|th)[^{]*:last-child[^{]*\{[^}]*position: sticky/s);
  });
});
