"use client";

import * as RadixMenu from "@radix-ui/react-dropdown-menu";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { cn } from "./cn";
import { useToast } from "./toast";

export type MenuEntry =
  | { label: string; href: string }
  /** `lang`: an item written in another language than the page's (the profile menu's "Ver en español"). */
  | { label: string; onSelect: () => void; tone?: "danger"; lang?: string };

/** A label, or what makes it when it is first needed (the users table's ⋮: when its menu opens). */
const nameOf = (label: string | (() => string)) => (typeof label === "function" ? label() : label);

const ITEM =
  "block w-full cursor-default rounded-sm px-3 py-2 text-left text-sm text-slate-900 outline-none select-none data-[highlighted]:bg-blue-50 data-[highlighted]:ring-2 data-[highlighted]:ring-blue-600 data-[highlighted]:ring-inset";

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
  const [armed, setArmed] = useState<"pointer" | "keyboard" | null>(null);
  const [waiting, setWaiting] = useState(false);
  const attempt = useRef(0);
  const button = useRef<HTMLButtonElement>(null);
  const t = useTranslations("Ui");
  const toast = useToast();
  // While the items' catalogs are on their way, a press anywhere else means the user moved on.
  useEffect(() => {
    if (!waiting) return;
    const away = (e: PointerEvent) => {
      if (button.current?.contains(e.target as Node)) return;
      attempt.current++;
      setWaiting(false);
    };
    document.addEventListener("pointerdown", away, true);
    return () => document.removeEventListener("pointerdown", away, true);
  }, [waiting]);
  if (armed) return <RadixMenuButton {...props} defaultOpen={armed} />;
  const { prepare } = props;
  // Pointed at or focused: start fetching what the items need, so a press rarely waits.
  const warm = prepare ? () => void prepare().catch(() => {}) : undefined;
  const cancel = () => {
    attempt.current++;
    setWaiting(false);
  };
  // Opens once what the items need is here, unless the user moved on meanwhile (the focus left, a
  // press elsewhere, Escape). If it could not be fetched, it says so and stays closed; the next
  // reach tries again.
  const arm = (how: "pointer" | "keyboard") => {
    if (!prepare) return setArmed(how);
    const mine = ++attempt.current;
    setWaiting(true);
    prepare().then(
      () => {
        if (attempt.current === mine) setArmed(how);
      },
      () => {
        if (attempt.current !== mine) return;
        setWaiting(false);
        toast(t("loadFailed"), "error");
      },
    );
  };
  return (
    <button
      ref={button}
      type="button"
      aria-label={props.labelledBy ? undefined : nameOf(props.label)}
      aria-labelledby={props.labelledBy}
      aria-haspopup="menu"
      aria-busy={waiting || undefined}
      onPointerEnter={warm}
      onFocus={warm}
      onBlur={waiting ? cancel : undefined}
      className={props.bare ? undefined : cn(TRIGGER, props.triggerClassName)}
      // Enter and Space click with detail 0: opened from the keyboard, the first item takes the focus.
      onClick={(e) => arm(e.detail === 0 ? "keyboard" : "pointer")}
      onKeyDown={(e) => {
        if (e.key === "ArrowDown") {
          e.preventDefault();
          arm("keyboard");
        } else if (e.key === "Escape" && waiting) cancel();
      }}
    >
      {props.trigger}
    </button>
  );
}

interface MenuProps {
  /** The menu's name; a function is called when the name is first needed (with `labelledBy`, once the menu opens). */
  label: string | (() => string);
  trigger: ReactNode;
  /** The items, or a function that makes them when the menu first opens (a list of 25 rows then builds none). */
  entries: MenuEntry[] | (() => MenuEntry[]);
  align?: "start" | "end";
  triggerClassName?: string;
  /** What the items need before they can be built (their catalogs): started when the button is pointed at or focused. */
  prepare?: () => Promise<void>;
  /** No class on the trigger: its container styles it (the users table's ⋮, 25 times a page). */
  bare?: boolean;
  /**
   * The ids of elements whose text names the trigger, said as `label` says it (the users table's ⋮:
   * "Actions for" once, then each row's name, rather than the whole label 25 times in the page).
   */
  labelledBy?: string;
}

function RadixMenuButton({
  label,
  trigger,
  entries,
  align = "end",
  triggerClassName,
  bare,
  labelledBy,
  defaultOpen,
}: MenuProps & { defaultOpen?: "pointer" | "keyboard" }) {
  // Radix moves the focus to the first item when a key opened the menu, but it only hears keys once
  // mounted: the key that armed the plain button came before. So the first opening does it here.
  const pending = useRef(defaultOpen === "keyboard");
  const focusFirst = (node: HTMLDivElement | null) => {
    if (!node || !pending.current) return;
    pending.current = false;
    requestAnimationFrame(() => (node.querySelector('[role="menuitem"]') as HTMLElement | null)?.focus());
  };
  return (
    <RadixMenu.Root modal={false} defaultOpen={!!defaultOpen}>
      <RadixMenu.Trigger
        aria-label={labelledBy ? undefined : nameOf(label)}
        aria-labelledby={labelledBy}
        className={bare ? undefined : cn(TRIGGER, triggerClassName)}
      >
        {trigger}
      </RadixMenu.Trigger>
      <RadixMenu.Portal>
        <RadixMenu.Content
          aria-label={nameOf(label)}
          align={align}
          sideOffset={4}
          collisionPadding={8}
          ref={focusFirst}
          className="z-50 max-h-[var(--radix-dropdown-menu-content-available-height)] min-w-52 overflow-y-auto rounded-md border border-slate-200 bg-white p-1 shadow-lg"
        >
          {(typeof entries === "function" ? entries() : entries).map((entry) =>
            "href" in entry ? (
              <RadixMenu.Item key={entry.label} asChild className={ITEM}>
                <Link href={entry.href}>{entry.label}</Link>
              </RadixMenu.Item>
            ) : (
              <RadixMenu.Item key={entry.label} onSelect={entry.onSelect} lang={entry.lang} className={cn(ITEM, entry.tone === "danger" && "text-red-800")}>
                {entry.label}
              </RadixMenu.Item>
            ),
          )}
        </RadixMenu.Content>
      </RadixMenu.Portal>
    </RadixMenu.Root>
  );
}
