// @vitest-environment happy-dom
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { Select } from "@/components/ui/select";

afterEach(cleanup);

const languages = [
  { value: "en", label: "English" },
  { value: "es", label: "Español" },
];

describe("Select", () => {
  // (React's reset of the form after its action, which then keeps the new default, is checked in
  // Chromium by e2e 16: happy-dom's reset ignores an option's defaultSelected.)
  it("shows a new default once the page renders one (a saved language)", () => {
    const form = (language: string) => (
      <form aria-label="profile">
        <Select name="language" label="Language" defaultValue={language} options={languages} />
      </form>
    );
    const { rerender } = render(form("en"));
    const select = () => screen.getByLabelText<HTMLSelectElement>("Language");
    expect(select().value).toBe("en");
    rerender(form("es"));
    expect(select().value).toBe("es");
  });

  it("keeps what the user picked while its default stays the same", () => {
    const form = (
      <form>
        <Select name="language" label="Language" defaultValue="en" options={languages} />
      </form>
    );
    const { rerender } = render(form);
    const select = screen.getByLabelText<HTMLSelectElement>("Language");
    select.value = "es";
    rerender(form);
    expect(screen.getByLabelText<HTMLSelectElement>("Language").value).toBe("es");
  });
});
