"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * A one-time notice ("User created.", "Changes saved.") shown while the record is as it was when the
 * notice came: `stamp` names that state (a version). Another action on the page changes it, and the
 * notice goes; a deactivation on a user's page kept saying "User created".
 *
 * It comes after a form sent the person here, the form gone and the focus with it: the notice takes
 * the focus, so the next Tab goes on from it and a screen reader reads it, instead of both starting
 * again at the page's top. Not when the focus is somewhere already.
 */
export function FlashNotice({ stamp, children }: { stamp: string; children: ReactNode }) {
  const [shownFor] = useState(stamp);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!document.activeElement || document.activeElement === document.body) box.current?.focus();
  }, []);
  return shownFor === stamp ? (
    <div ref={box} tabIndex={-1} className="focus:outline-none">
      {children}
    </div>
  ) : null;
}
