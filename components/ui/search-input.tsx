import { controlClasses } from "./field";
import { cn } from "./cn";
import { SEARCH_MAX } from "@/lib/limits";

/**
 * A list's search box: the `q` parameter, taking no more than a search may hold (a longer paste
 * would be refused whole). Hook-free, so server and client filter forms both draw it.
 */
export function SearchInput({ id, value, placeholder, className }: { id: string; value?: string; placeholder: string; className?: string }) {
  return (
    <input
      id={id}
      name="q"
      type="search"
      maxLength={SEARCH_MAX}
      defaultValue={value ?? ""}
      placeholder={placeholder}
      className={cn(controlClasses, className)}
    />
  );
}
