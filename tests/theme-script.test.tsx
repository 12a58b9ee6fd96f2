// @vitest-environment happy-dom
/**
 * The theme chosen in the profile menu: applied by the inline script as the page is parsed, and by
 * the component itself where the browser draws the document (Next.js's error document, which a
 * page's notFound() answers with, runs no inline script).
 */
import { act, cleanup, render } from "@testing-library/react";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";
import { chooseTheme, ThemeScript, useTheme } from "@/components/shell/theme-script";

afterEach(() => {
  cleanup();
  localStorage.clear();
  document.documentElement.classList.remove("dark");
});

describe("the theme script", () => {
  it("applies the stored theme when the browser draws it, without the inline script running", () => {
    localStorage.setItem("rollcall-theme", "dark");
    render(<ThemeScript />);
    expect(document.documentElement.classList.contains("dark")).toBe(true);
  });

  it("sends, from the server only, a script that applies the stored theme on its own, before React", () => {
    expect(render(<ThemeScript />).container.querySelector("script")).toBeNull(); // drawn by the browser, it would never run
    const source = /<script>(.*)<\/script>/s.exec(renderToString(<ThemeScript />))![1];
    localStorage.setItem("rollcall-theme", "dark");
    document.documentElement.classList.remove("dark");
    new Function(source)();
    expect(document.documentElement.classList.contains("dark")).toBe(true);
    localStorage.setItem("rollcall-theme", "light");
    new Function(source)();
    expect(document.documentElement.classList.contains("dark")).toBe(false);
  });

  it("is chosen in the profile menu, and given back to the system when asked", () => {
    const Shown = () => {
      const theme = useTheme();
      return <p>{`${theme.dark ? "dark" : "light"}, ${theme.chosen ? "chosen" : "the system's"}`}</p>;
    };
    const { container } = render(<Shown />);
    expect(container.textContent).toBe("light, the system's"); // happy-dom's system is light
    act(() => chooseTheme("dark"));
    expect(localStorage.getItem("rollcall-theme")).toBe("dark");
    expect(document.documentElement.classList.contains("dark")).toBe(true);
    expect(container.textContent).toBe("dark, chosen");
    act(() => chooseTheme(null));
    expect(localStorage.getItem("rollcall-theme")).toBeNull();
    expect(document.documentElement.classList.contains("dark")).toBe(false);
    expect(container.textContent).toBe("light, the system's");
  });
});
