"use client";

import { useEffect, useRef, useState } from "react";

/**
 * A field's error, until the person edits the field: it then goes (and the control stops saying it
 * is invalid) rather than telling them off for what they have just fixed. A new answer from the
 * server, or the form sent again, shows it again if it still holds.
 *
 * It listens on the nearest box that holds its control, so it serves a text field, a select or a
 * checkbox alike.
 */
export function FieldError({ id, error }: { id: string; error: string[] | string }) {
  const anchor = useRef<HTMLSpanElement>(null);
  const [edited, setEdited] = useState(false);
  // A new answer is a new array from the server (a string is compared by its words, so a parent's
  // render does not bring back what the person fixed; sending the form again does).
  const [answer, setAnswer] = useState(error);
  if (answer !== error) {
    setAnswer(error);
    setEdited(false);
  }
  useEffect(() => {
    let box = anchor.current?.parentElement;
    while (box && !box.querySelector(`[aria-describedby~="${id}"]`)) box = box.parentElement;
    if (!box) return;
    const form = box.closest("form");
    const onEdit = (e: Event) => {
      // A change the page makes itself (a form reset after saving) is not the person's.
      if (e.isTrusted) setEdited(true);
    };
    const onSend = () => setEdited(false);
    box.addEventListener("input", onEdit);
    box.addEventListener("change", onEdit);
    form?.addEventListener("submit", onSend);
    return () => {
      box.removeEventListener("input", onEdit);
      box.removeEventListener("change", onEdit);
      form?.removeEventListener("submit", onSend);
    };
  }, [id]);
  useEffect(() => {
    // React set aria-invalid from the error it was given and sets it again only when that changes:
    // the attribute follows what is shown.
    for (const control of document.querySelectorAll(`[aria-describedby~="${id}"]`)) control.setAttribute("aria-invalid", edited ? "false" : "true");
  }, [edited, id, answer]);
  return (
    <>
      <span ref={anchor} hidden />
      {edited ? null : (
        <p id={id} className="text-sm text-red-700" role="alert">
          {typeof error === "string" ? error : error.join(" ")}
        </p>
      )}
    </>
  );
}
