"use client";

import { useState, type ComponentProps } from "react";
import { Input } from "./input";

/** The limit lib/validation.ts applies (kept equal there); the browser checks it before uploading. */
const MAX_BYTES = 5 * 1024 * 1024;

/**
 * A picture upload that refuses a file over 5 MB as soon as it is chosen, next to the field. Without
 * it, a larger file would be refused by the server before the form's action runs (the request-size
 * limit), and the person would see an error page and lose what they typed.
 */
export function ImageInput({ error, tooLarge, ...props }: Omit<ComponentProps<typeof Input>, "type" | "accept"> & { tooLarge: string }) {
  const [own, setOwn] = useState<string | null>(null);
  return (
    <Input
      {...props}
      type="file"
      accept="image/jpeg,image/png,image/webp"
      error={own ?? error}
      onChange={(e) => {
        const file = e.currentTarget.files?.[0];
        if (file && file.size > MAX_BYTES) {
          e.currentTarget.value = "";
          setOwn(tooLarge);
        } else setOwn(null);
      }}
    />
  );
}
