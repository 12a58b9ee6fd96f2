/**
 * What a lean page sends of the client catalogs (i18n/messages.ts), and the catalogs it fetches when
 * first reached for (components/shell/lazy-messages.tsx).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { clientMessages, pickClientMessages } from "@/i18n/messages";

describe("pickClientMessages", () => {
  it("sends a whole namespace, or only the keys named as Namespace.key", async () => {
    const all = await clientMessages("es");
    const picked = await pickClientMessages("es", ["UsersStatus", "UsersBulk.selectOne", "UsersBulk.selectPage", "UsersActions.actionsFor"]);
    expect(picked.UsersStatus).toEqual(all.UsersStatus);
    expect(picked.UsersBulk).toEqual({ selectOne: all.UsersBulk.selectOne, selectPage: all.UsersBulk.selectPage });
    expect(picked.UsersActions).toEqual({ actionsFor: all.UsersActions.actionsFor });
    expect(Object.keys(picked).sort()).toEqual(["UsersActions", "UsersBulk", "UsersStatus"]);
  });

  it("skips what no catalog has, rather than sending an empty namespace", async () => {
    expect(await pickClientMessages("en", ["NoSuchNamespace", "UsersBulk.noSuchKey"])).toEqual({});
  });
});

describe("the lazy catalogs", () => {
  it("are imported for every locale, from the files the server reads", async () => {
    const source = readFileSync("components/shell/lazy-messages.tsx", "utf8");
    const imports = [...source.matchAll(/import\("@\/messages\/(\w+)\/client\/(\w+)\.json"\)/g)].map(([, locale, ns]) => `${locale}/${ns}`);
    for (const locale of ["en", "es"] as const) {
      const all = await clientMessages(locale);
      const namespaces = imports.filter((i) => i.startsWith(`${locale}/`)).map((i) => i.slice(locale.length + 1));
      expect(namespaces.length).toBeGreaterThan(0);
      for (const ns of namespaces) expect(all[ns], `${locale}/${ns}`).toBeDefined();
    }
    // Each locale imports the same namespaces.
    const by = (l: string) =>
      imports
        .filter((i) => i.startsWith(`${l}/`))
        .map((i) => i.split("/")[1])
        .sort();
    expect(by("es")).toEqual(by("en"));
  });
});
