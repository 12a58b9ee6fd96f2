import { useTranslations } from "next-intl";
import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { cn } from "./cn";
import { ScrollCue } from "./scroll-cue";

// Cell styles live on the table, once, rather than on every cell (a 25-row list of 12 columns would
// otherwise send the same class list 300 times, in the HTML and again in the page's RSC payload), and
// in app/globals.css (.ui-table, .ui-table-box) rather than as class lists on the table and its parts.

export function Table({
  caption,
  children,
  className,
  scrollCue,
}: {
  caption: ReactNode;
  children: ReactNode;
  className?: string;
  /** Said under the box while columns are out of view (wide tables on a phone): "More columns →". */
  scrollCue?: string;
}) {
  // The box scrolls sideways when the table is wider than the page: it takes the focus, so a keyboard
  // scrolls it too (WCAG 2.1.1; axe's scrollable-region-focusable).
  const box = (
    <div className="ui-table-box" tabIndex={0}>
      <table className={cn("ui-table", className)}>
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
  return scrollCue ? <ScrollCue label={scrollCue}>{box}</ScrollCue> : box;
}

export function Thead({ children }: { children: ReactNode }) {
  return <thead>{children}</thead>;
}

export function Tbody({ children }: { children: ReactNode }) {
  return <tbody>{children}</tbody>;
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
    // Pinned with its column, but see-through: it says nothing of its own, so a header it passes over
    // on a narrow screen ("Users" beside Spanish buttons) stays readable instead of being cut off.
    <Th className="sticky right-0">
      <span className="sr-only">{t("actions")}</span>
    </Th>
  );
}

/**
 * The cell of row buttons: it stays in view when a wide table scrolls sideways. A row with no button
 * leaves it see-through, so it does not hide the cells it passes over (a phone's e-mail deliveries).
 */
export function TdActions({ children }: { children: ReactNode }) {
  return <Td className="sticky right-0 bg-white empty:bg-transparent">{children}</Td>;
}
