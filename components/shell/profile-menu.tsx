"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { signOutAction } from "@/app/(admin)/actions";

/** A disclosure menu: Escape closes it and returns focus to its button. */
export function ProfileMenu({ name, username }: { name: string; username: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => {
      if (!menu.current?.contains(e.target as Node) && !button.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);
  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        className="rounded-md px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-700"
      >
        {name} <span aria-hidden="true">▾</span>
      </button>
      <div ref={menu} id={id} hidden={!open} className="absolute right-0 z-10 mt-1 w-56 rounded-md border border-slate-200 bg-white p-1 shadow-lg">
        <p className="px-3 py-2 text-xs text-slate-600">Signed in as {username}</p>
        <Link href="/profile" className="block rounded px-3 py-2 text-sm text-slate-900 hover:bg-slate-100" onClick={() => setOpen(false)}>
          Profile
        </Link>
        <Link href="/password/change" className="block rounded px-3 py-2 text-sm text-slate-900 hover:bg-slate-100" onClick={() => setOpen(false)}>
          Change password
        </Link>
        <form action={signOutAction}>
          <button type="submit" className="block w-full rounded px-3 py-2 text-left text-sm text-slate-900 hover:bg-slate-100">
            Sign out
          </button>
        </form>
      </div>
    </div>
  );
}
