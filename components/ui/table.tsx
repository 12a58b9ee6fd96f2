import { useTranslations } from "next-intl";
import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "./cn";

// Cell styles live on the table, once, rather than on every cell: a 25-row list of 12 columns
// otherwise sends the same class list 300 times, in the HTML and again in the page's RSC payload.
const CELLS =
  "[&_th]:px-3 [&_th]:py-2 [&_th]:text-left [&_th]:font-semibold [&_th]:text-slate-800 [&_td]:px-3 [&_td]:py-2 [&_td]:align-top [&_td]:text-slate-900";

export function Table({ caption, children, className }: { caption: ReactNode; children: ReactNode; className?: string }) {
  // The box scrolls sideways when the table is wider than the page: it takes the focus, so a keyboard
  // scrolls it too (WCAG 2.1.1; axe's scrollable-region-focusable).
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white" tabIndex={0}>
      <table className={cn("min-w-full divide-y divide-slate-200 text-sm", CELLS, className)}>
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function Thead({ children }: { children: ReactNode }) {
  return <thead className="bg-slate-50">{children}</thead>;
}

export function Tbody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-slate-100">{children}</tbody>;
}

export function Tr(props: HTMLAttributes<HTMLTableRowElement>) {
  return <tr {...props} />;
}

export function Th(props: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" {...props} />;
}

export function Td(props: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td {...props} />;
}

/**
 * The header of a column of row buttons: named for screen readers, empty on screen. Rendered by
 * server pages and client components alike, so it reads the client namespace Ui, without async.
 */
export function ThActions() {
  const t = useTranslations("Ui");
  return (
    <Th className="sticky right-0 bg-slate-50">
      <span className="sr-only">{t("actions")}</span>
    </Th>
  );
}

/** The cell of row buttons: it stays in view when a wide table scrolls sideways. */
export function TdActions({ children }: { children: ReactNode }) {
  return <Td className="sticky right-0 bg-white">{children}</Td>;
}
