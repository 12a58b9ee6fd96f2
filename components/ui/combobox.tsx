"use client";

import * as Popover from "@radix-ui/react-popover";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { controlClasses } from "./field";
import { cn } from "./cn";

/**
 * An editable combobox (WAI-ARIA combobox pattern, list autocomplete): the text field keeps focus,
 * arrow keys move through the options, Enter chooses, Escape closes. The list is a Radix Popover,
 * portalled, so no dialog or card clips it. The caller fetches options for the query.
 */
export function Combobox<T>({
  label,
  query,
  onQueryChange,
  options,
  optionKey,
  optionLabel,
  onSelect,
  busy = false,
  emptyText,
  placeholder,
  describedBy,
  invalid,
  minLength = 2,
}: {
  label: string;
  query: string;
  onQueryChange: (q: string) => void;
  options: T[];
  optionKey: (o: T) => string;
  optionLabel: (o: T) => string;
  onSelect: (o: T) => void;
  busy?: boolean;
  emptyText: string;
  placeholder?: string;
  describedBy?: string;
  invalid?: boolean;
  minLength?: number;
}) {
  const id = useId();
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const open = !dismissed && query.trim().length >= minLength;
  const current = Math.min(active, Math.max(options.length - 1, 0));
  const optionId = (i: number) => `${id}-option-${i}`;

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" && options.length) setActive((current + 1) % options.length);
    else if (e.key === "ArrowUp" && options.length) setActive((current - 1 + options.length) % options.length);
    else if (e.key === "Enter" && open && options[current]) onSelect(options[current]);
    else if (e.key === "Escape" && open) setDismissed(true);
    else return;
    e.preventDefault();
  };

  return (
    <Popover.Root open={open} onOpenChange={(next) => !next && setDismissed(true)}>
      <Popover.Anchor asChild>
        <div className="flex flex-col">
          <label htmlFor={`${id}-input`} className="sr-only">
            {label}
          </label>
          <input
            id={`${id}-input`}
            type="text"
            role="combobox"
            autoComplete="off"
            aria-expanded={open}
            aria-controls={`${id}-list`}
            aria-autocomplete="list"
            aria-activedescendant={open && options.length ? optionId(current) : undefined}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            value={query}
            placeholder={placeholder}
            onChange={(e) => {
              setDismissed(false);
              setActive(0);
              onQueryChange(e.target.value);
            }}
            onKeyDown={onKeyDown}
            className={cn(controlClasses, "placeholder:text-slate-600")}
          />
        </div>
      </Popover.Anchor>
      <Popover.Portal>
        <Popover.Content
          align="start"
          sideOffset={4}
          collisionPadding={8}
          onOpenAutoFocus={(e) => e.preventDefault()}
          onInteractOutside={(e) => {
            if ((e.target as HTMLElement).id === `${id}-input`) e.preventDefault();
          }}
          className="z-50 w-[var(--radix-popover-trigger-width)] min-w-64 rounded-md border border-slate-200 bg-white shadow-lg"
        >
          <ul id={`${id}-list`} role="listbox" aria-label={label} aria-busy={busy} className="max-h-60 overflow-auto py-1">
            {options.length === 0 ? (
              <li role="presentation" className="px-3 py-2 text-sm text-slate-700">
                {emptyText}
              </li>
            ) : null}
            {options.map((o, i) => (
              <li
                key={optionKey(o)}
                id={optionId(i)}
                role="option"
                aria-selected={i === current}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => onSelect(o)}
                onMouseMove={() => setActive(i)}
                // The option Enter would choose stands out as a selected one does (the first, from the
                // start: list autocomplete with automatic selection); a faint grey passed unnoticed.
                className={cn("cursor-default px-3 py-2 text-sm", i === current ? "bg-blue-700 text-white" : "text-slate-900")}
              >
                {optionLabel(o)}
              </li>
            ))}
          </ul>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

/**
 * For a picker that swaps its combobox for the one chosen (with a button to take it back): the focus
 * follows the swap, to that button once someone is chosen and back to the combobox once they are
 * cleared, instead of falling to the page's start with the element that held it. `container` goes
 * on the picker's fieldset, `undo` on the button; call `swap()` as the choice changes.
 */
export function usePickerFocus(chosen: boolean) {
  const container = useRef<HTMLFieldSetElement>(null);
  const undo = useRef<HTMLButtonElement>(null);
  const swapped = useRef(false);
  useEffect(() => {
    if (!swapped.current) return;
    swapped.current = false;
    if (chosen) undo.current?.focus();
    else container.current?.querySelector<HTMLInputElement>("input[role=combobox]")?.focus();
  }, [chosen]);
  return { container, undo, swap: () => void (swapped.current = true) };
}
