import { useTranslations } from "next-intl";
import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "./cn";

export function Table({ caption, children }: { caption: ReactNode; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
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

export function Th({ className, ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" className={cn("px-3 py-2 text-left font-semibold text-slate-800", className)} {...props} />;
}

export function Td({ className, ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td className={cn("px-3 py-2 align-top text-slate-900", className)} {...props} />;
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
