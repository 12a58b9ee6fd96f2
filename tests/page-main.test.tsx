// @vitest-environment happy-dom
/**
 * One `<main>` a page: the 404/403/401 page inside the console's frame is not a second one (axe:
 * landmark-no-duplicate-main), and on a URL that matches nothing it is the page's own.
 */
import { cleanup, render } from "@testing-library/react";
import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BASE_NAMESPACES, pickClientMessages } from "@/i18n/messages";
import { ErrorPage } from "@/components/shell/error-page";
import { PageMain } from "@/components/shell/page-main";

vi.mock("next/link", () => ({ default: ({ href, children }: { href: string; children: ReactNode }) => <a href={href}>{children}</a> }));
afterEach(cleanup);
const messages = await pickClientMessages("en", BASE_NAMESPACES);
const wrap = (node: ReactNode) => (
  <NextIntlClientProvider locale="en" messages={messages} timeZone="UTC">
    {node}
  </NextIntlClientProvider>
);

describe("the page's main landmark", () => {
  it("is the frame's, with the not-found page inside it", () => {
    const { container } = render(wrap(<PageMain className="">{<ErrorPage kind="notFound" />}</PageMain>));
    expect(container.querySelectorAll("main")).toHaveLength(1);
    expect(container.querySelectorAll("#main")).toHaveLength(1);
    expect(container.querySelector("main h1")?.textContent).toBe("Page not found");
  });

  it("is the not-found page's own where no frame gave one", () => {
    const { container } = render(wrap(<ErrorPage kind="notFound" />));
    expect(container.querySelectorAll("main#main")).toHaveLength(1);
  });
});
