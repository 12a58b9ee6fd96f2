"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * Under a table box that scrolls sideways, while columns are out of view to the right: a line that
 * says so (a phone showed the first columns and nothing to tell there were more). Plain text, not a
 * shadow on the box: a background image there leaves axe unable to check the cells' contrast.
 */
export function ScrollCue({ label, children }: { label: string; children: ReactNode }) {
  const wrapper = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState(false);
  useEffect(() => {
    const box = wrapper.current?.firstElementChild;
    if (!(box instanceof HTMLElement)) return;
    const check = () => setMore(box.scrollWidth - box.clientWidth - box.scrollLeft > 2);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(box);
    box.addEventListener("scroll", check, { passive: true });
    return () => {
      observer.disconnect();
      box.removeEventListener("scroll", check);
    };
  }, []);
  return (
    <div ref={wrapper}>
      {children}
      {more ? (
        <p aria-hidden="true" className="mt-1 text-right text-xs text-slate-700">
          {label}
        </p>
      ) : null}
    </div>
  );
}
