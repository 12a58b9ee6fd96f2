"use client";

import { useEffect, useRef, useState, type ComponentProps } from "react";
import { Input } from "./input";
import { fieldIds } from "./field";

/** The limit lib/validation.ts applies (kept equal there); the browser checks it before uploading. */
const MAX_BYTES = 5 * 1024 * 1024;

/**
 * A picture upload that refuses a file over 5 MB as soon as it is chosen, next to the field. Without
 * it, a larger file would be refused by the server before the form's action runs (the request-size
 * limit), and the person would see an error page and lose what they typed. The refused file is
 * taken off the field, and the form's next save stops short (nothing is saved without the picture
 * the person meant to send) with the focus on the field; the one after saves without a picture.
 */
export function ImageInput({
  error,
  tooLarge,
  refusal,
  ...props
}: Omit<ComponentProps<typeof Input>, "type" | "accept"> & {
  tooLarge: string;
  /**
   * The form's last refusal (a new object each time it refuses). A form action empties a file field
   * with the rest of the form, and a picture chosen before a refusal for another field (a blank first
   * name) was dropped without a word: the next save said "Nothing changed". It is put back, unless
   * the picture itself was refused.
   */
  refusal?: unknown;
}) {
  const [own, setOwn] = useState<string | null>(null);
  const refused = useRef(false);
  const sent = useRef<File | null>(null);
  const id = fieldIds(props.name).control;

  useEffect(() => {
    const file = sent.current;
    sent.current = null;
    const field = document.getElementById(id) as HTMLInputElement | null;
    if (!refusal || !file || error?.length || !field || field.files?.length || typeof DataTransfer !== "function") return;
    const kept = new DataTransfer();
    kept.items.add(file);
    field.files = kept.files;
  }, [refusal, error, id]);

  useEffect(() => {
    const field = document.getElementById(id) as HTMLInputElement | null;
    const form = field?.form;
    if (!field || !form) return;
    // A native listener runs before React's form action, which stands down when the default is prevented.
    const onSubmit = (event: SubmitEvent) => {
      if (refused.current) {
        refused.current = false;
        event.preventDefault();
        field.focus();
      } else {
        setOwn(null);
        sent.current = field.files?.[0] ?? null;
      }
    };
    form.addEventListener("submit", onSubmit);
    return () => form.removeEventListener("submit", onSubmit);
  }, [id]);

  return (
    <Input
      {...props}
      type="file"
      accept="image/jpeg,image/png,image/webp"
      error={own ?? error}
      onChange={(e) => {
        const file = e.currentTarget.files?.[0];
        refused.current = !!file && file.size > MAX_BYTES;
        if (refused.current) {
          e.currentTarget.value = "";
          setOwn(tooLarge);
        } else setOwn(null);
      }}
    />
  );
}
