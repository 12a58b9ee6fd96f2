// @vitest-environment happy-dom
/**
 * A picture over 5 MB is refused in the browser as soon as it is chosen (components/ui/image-input.tsx):
 * the form's next save must not go through without it (the rest of the form half-saved under a "saved"
 * message beside the refusal); the one after saves without a picture.
 */
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ImageInput } from "@/components/ui/image-input";

afterEach(cleanup);

function choose(input: HTMLInputElement, size: number) {
  const file = new File([new Uint8Array(1)], "me.png", { type: "image/png" });
  Object.defineProperty(file, "size", { value: size });
  Object.defineProperty(input, "files", { value: [file], configurable: true });
  fireEvent.change(input);
}

function Form({ onSave }: { onSave: () => void }) {
  return (
    <form
      onSubmit={(e) => {
        if (!e.defaultPrevented) onSave();
        e.preventDefault();
      }}
    >
      <input name="firstName" defaultValue="Ana" />
      <ImageInput name="image" label="Picture" tooLarge="Too large: choose a smaller one, or save again without a picture." />
      <button type="submit">Save</button>
    </form>
  );
}

describe("ImageInput", () => {
  it("stops the first save after refusing a large picture, focuses the field, and lets the next one through", () => {
    const onSave = vi.fn();
    render(<Form onSave={onSave} />);
    const field = screen.getByLabelText("Picture") as HTMLInputElement;
    choose(field, 6 * 1024 * 1024);
    expect(screen.getByText(/Too large/)).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(onSave).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(field);
    expect(screen.getByText(/Too large/)).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(screen.queryByText(/Too large/)).toBeNull();
  });

  it("saves at once with a picture under the limit", () => {
    const onSave = vi.fn();
    render(<Form onSave={onSave} />);
    choose(screen.getByLabelText("Picture") as HTMLInputElement, 1024);
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(onSave).toHaveBeenCalledTimes(1);
  });
});
