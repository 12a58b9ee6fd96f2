"use client";

import * as RadixMenu from "@radix-ui/react-dropdown-menu";
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { cn } from "./cn";

export type MenuEntry = { label: string; href: string } | { label: string; onSelect: () => void; tone?: "danger" };

const ITEM = "block w-full cursor-default rounded-sm px-3 py-2 text-left text-sm text-slate-900 outline-none select-none data-[highlighted]:bg-slate-100";

const TRIGGER = "ui-menu-trigger"; // app/globals.css

/**
 * A menu button: Radix UI's DropdownMenu, portalled (no table or card clips it), with the keyboard
 * behaviour of the WAI-ARIA menu pattern. `trigger` is the button's content; `label` its name.
 *
 * Until someone reaches for it, it is a plain button: a list of 25 users would otherwise render 25
 * DropdownMenus on the server for menus nobody opens (measured in docs/performance.md). The first
 * click, Enter, Space or ↓ mounts the menu already open; from then on it is Radix's.
 */
export function Menu(props: MenuProps) {
  const [armed, setArmed] = useState(false);
  if (armed) return <RadixMenuButton {...props} defaultOpen />;
  const arm = () => setArmed(true);
  return (
    <button
      type="button"
      aria-label={props.label}
      aria-haspopup="menu"
      aria-expanded={false}
      className={cn(TRIGGER, props.triggerClassName)}
      onClick={arm}
      onKeyDown={(e) => {
        if (e.key === "ArrowDown") {
          e.preventDefault();
          arm();
        }
      }}
    >
      {props.trigger}
    </button>
  );
}

interface MenuProps {
  label: string;
  trigger: ReactNode;
  /** The items, or a function that makes them when the menu first opens (a list of 25 rows then builds none). */
  entries: MenuEntry[] | (() => MenuEntry[]);
  align?: "start" | "end";
  triggerClassName?: string;
}

function RadixMenuButton({ label, trigger, entries, align = "end", triggerClassName, defaultOpen }: MenuProps & { defaultOpen?: boolean }) {
  return (
    <RadixMenu.Root modal={false} defaultOpen={defaultOpen}>
      <RadixMenu.Trigger aria-label={label} className={cn(TRIGGER, triggerClassName)}>
        {trigger}
      </RadixMenu.Trigger>
      <RadixMenu.Portal>
        <RadixMenu.Content
          aria-label={label}
          align={align}
          sideOffset={4}
          collisionPadding={8}
          className="z-50 max-h-[var(--radix-dropdown-menu-content-available-height)] min-w-52 overflow-y-auto rounded-md border border-slate-200 bg-white p-1 shadow-lg"
        >
          {(typeof entries === "function" ? entries() : entries).map((entry) =>
            "href" in entry ? (
              <RadixMenu.Item key={entry.label} asChild className={ITEM}>
                <Link href={entry.href}>{entry.label}</Link>
              </RadixMenu.Item>
            ) : (
              <RadixMenu.Item key={entry.label} onSelect={entry.onSelect} className={cn(ITEM, entry.tone === "danger" && "text-red-800")}>
                {entry.label}
              </RadixMenu.Item>
            ),
          )}
        </RadixMenu.Content>
      </RadixMenu.Portal>
    </RadixMenu.Root>
  );
}
