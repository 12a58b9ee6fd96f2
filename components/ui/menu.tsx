"use client";

import * as RadixMenu from "@radix-ui/react-dropdown-menu";
import Link from "next/link";
import type { ReactNode } from "react";
import { cn } from "./cn";

export type MenuEntry = { label: string; href: string } | { label: string; onSelect: () => void; tone?: "danger" };

const ITEM = "block w-full cursor-default rounded-sm px-3 py-2 text-left text-sm text-slate-900 outline-none select-none data-[highlighted]:bg-slate-100";

/**
 * A menu button: Radix UI's DropdownMenu, portalled (no table or card clips it), with the keyboard
 * behaviour of the WAI-ARIA menu pattern. `trigger` is the button's content; `label` its name.
 */
export function Menu({
  label,
  trigger,
  entries,
  align = "end",
  triggerClassName,
}: {
  label: string;
  trigger: ReactNode;
  entries: MenuEntry[];
  align?: "start" | "end";
  triggerClassName?: string;
}) {
  return (
    <RadixMenu.Root modal={false}>
      <RadixMenu.Trigger
        aria-label={label}
        className={cn(
          "rounded-md px-2 py-1 text-lg leading-none text-slate-800 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-700",
          triggerClassName,
        )}
      >
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
          {entries.map((entry) =>
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
