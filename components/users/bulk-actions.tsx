"use client";

import { useReach } from "@/components/ui/use-reach";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { createContext, use, useCallback, useContext, useEffect, useMemo, useRef, useState, useTransition, type ReactNode, type RefObject } from "react";
import { bulkUsersAction, type BulkResult } from "@/app/(admin)/users/actions";
import { Button } from "@/components/ui/button";
import { Dialog, DialogFooter, DialogReturnFocus, focusOpener } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Menu, type MenuEntry } from "@/components/ui/menu";
import { Select } from "@/components/ui/select";
import { useLazyMessages } from "@/components/shell/lazy-messages";
import { UserPicker } from "./user-picker";

/** The move dialog's "no branch" / "no team" choice (a unit's id is a UUID, never this). */
const NO_UNIT = "none";

type Action = "deactivate" | "reactivate" | "unblock" | "confirm" | "invite" | "changeRole" | "moveBranch" | "moveTeam" | "delete";
type Filter = { q?: string; status?: "pending" | "active" | "inactive" | "locked"; roleId?: string; branchId?: string; teamId?: string };
type Option = { id: string; name: string };

interface Selection {
  ids: Set<string>;
  all: boolean;
  /** The "select all on this page" box: the focus goes there when the toolbar goes away under it. */
  pageBox: RefObject<HTMLInputElement | null>;
  toggle: (id: string) => void;
  togglePage: () => void;
}
const SelectionContext = createContext<Selection | null>(null);
const useSelection = () => useContext(SelectionContext)!;

/**
 * Row checkboxes, "select all on this page", "select all N matching this filter", and one action for
 * all of them behind one confirmation that names how many; the answer lists who was refused and why.
 */
export function BulkUsers({
  page,
  total,
  filter,
  can,
  options,
  ungivable,
  outranking,
  children,
}: {
  /**
   * The rows on this page, each starting with its id: the very rows the table gets, so the page's
   * RSC payload carries them once (a list of ids beside them was a second copy).
   */
  page: readonly (readonly [id: string, ...rest: unknown[]])[];
  /**
   * How many match the filter; null when only an estimate is known (more than a bulk action takes).
   * Still on its way when the page renders (the count takes longer than the rows): read only once a
   * whole page is selected, by which time it has long arrived.
   */
  total: Promise<number | null>;
  filter: Filter;
  can: { update: boolean; delete: boolean; permissions: boolean; create: boolean };
  options: { roles: Option[]; branches: Option[]; teams: Option[] };
  /** The roles this reader may not give (they hold permissions the reader lacks): not offered. */
  ungivable?: string[];
  /** This page's users who hold a permission the reader lacks: every action refuses them, so the confirmation says so first. */
  outranking?: readonly string[];
  children: ReactNode;
}) {
  const pageIds = useMemo(() => page.map((row) => row[0]), [page]);
  const t = useTranslations("UsersBulk");
  const reach = useReach();
  const locale = useLocale();
  // The page sends this catalog only as far as its checkboxes and the toolbar read it; the actions'
  // menu and the dialog need the rest, fetched when a selection starts or the menu is reached for
  // (components/shell/lazy-messages.tsx).
  const catalog = useLazyMessages();
  const router = useRouter();
  const [ids, setIds] = useState<Set<string>>(new Set());
  const [all, setAll] = useState(false);
  const [action, setAction] = useState<Action | null>(null);
  const [opener, setOpener] = useState<HTMLElement | null>(null);
  const pageBox = useRef<HTMLInputElement>(null);
  // The dialog gives the focus back to the actions' button, or, when the selection (and the
  // toolbar with it) is gone, to the page's box; when the rows are gone too (the last ones deleted),
  // to the page's heading.
  const returnTo = useCallback(
    () => (opener?.isConnected ? opener : pageBox.current?.isConnected ? pageBox.current : document.getElementById("users-title")),
    [opener],
  );
  const [choice, setChoice] = useState<string>("");
  const [heir, setHeir] = useState<string | null>(null);
  // Deleting every user a filter matches takes that number typed: a tick and a click are too little.
  const [typed, setTyped] = useState("");
  // The filter matched another number by the time the action ran: nothing was done, and this
  // selection is stale until the list is read again (on closing the dialog).
  const [stale, setStale] = useState(false);
  const [result, setResult] = useState<BulkResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  // A selection belongs to the rows it was made on: another page of the list (Next, a sort, a
  // search) starts with none, so no action reaches users the reader no longer sees ticked.
  const pageKey = pageIds.join(" ");
  const [selectedOn, setSelectedOn] = useState(pageKey);
  if (selectedOn !== pageKey) {
    setSelectedOn(pageKey);
    setIds(new Set());
    setAll(false);
  }
  const selection = useMemo<Selection>(
    () => ({
      ids,
      all,
      pageBox,
      toggle: (id) => {
        void catalog.load().catch(() => {});
        setAll(false);
        setIds((prev) => {
          const next = new Set(prev);
          if (next.has(id)) next.delete(id);
          else next.add(id);
          return next;
        });
      },
      togglePage: () => {
        void catalog.load().catch(() => {});
        setAll(false);
        setIds((prev) => (pageIds.every((id) => prev.has(id)) ? new Set() : new Set(pageIds)));
      },
    }),
    [ids, all, pageIds, catalog],
  );
  const wholePage = pageIds.length > 0 && pageIds.every((id) => ids.has(id));
  const matching = wholePage || all ? use(total) : null;
  const count = all && matching !== null ? matching : ids.size;
  const close = () => {
    setAction(null);
    setChoice("");
    setHeir(null);
    setTyped("");
    setError(null);
    if (result || stale) {
      setStale(false);
      setResult(null);
      setIds(new Set());
      setAll(false);
      router.refresh();
    }
  };
  const entries = (): MenuEntry[] =>
    (
      [
        ["deactivate", can.update],
        ["reactivate", can.update],
        ["unblock", can.update],
        ["confirm", can.update],
        ["invite", can.create],
        ["changeRole", can.permissions],
        ["moveBranch", can.update],
        ["moveTeam", can.update],
        ["delete", can.delete],
      ] as const
    )
      .filter(([, allowed]) => allowed)
      .map(([key]) => ({
        label: t(`actions.${key}`),
        onSelect: () => {
          setOpener(focusOpener());
          setAction(key);
        },
        ...(key === "delete" ? { tone: "danger" as const } : {}),
      }));
  const anyAction = can.update || can.create || can.permissions || can.delete;
  const run = () =>
    start(async () => {
      setError(null);
      const input = {
        action: action!,
        // With a filter, the number the reader saw: the server refuses if it matches another now.
        ...(all ? { filter, expectedCount: count } : { userIds: [...ids] }),
        ...(action === "changeRole" ? { roleId: choice } : {}),
        ...(action === "moveBranch" || action === "moveTeam" ? { unitId: choice === NO_UNIT ? null : choice } : {}),
        ...(action === "delete" && heir ? { reassignClientsTo: heir } : {}),
      };
      const answer = await reach(bulkUsersAction(input));
      if (answer.ok && answer.data) setResult(answer.data);
      else if (!answer.ok) {
        setError(answer.fieldErrors ? Object.values(answer.fieldErrors)[0][0] : answer.message);
        if (answer.fieldErrors?.filter) setStale(true);
      }
    });
  // A role, a branch or a team is chosen, never taken from an untouched list: "no team" is a choice of its own.
  const needsChoice = (action === "changeRole" || action === "moveBranch" || action === "moveTeam") && !choice;
  // The number as digits ("1234") or as the page shows it ("1,234"; "1.234" in Spanish), nothing else.
  const needsTyping = action === "delete" && all && ![String(count), count.toLocaleString(locale)].includes(typed.trim());
  // The toolbar floats over the page's foot: its height, which wraps on a phone, is the room the page
  // keeps below the pager, the margin a focused row keeps from it, and where toasts rise to (globals.css).
  const toolbar = useRef<HTMLDivElement>(null);
  const showing = count > 0;
  useEffect(() => {
    const bar = toolbar.current;
    if (!showing || !bar) return;
    const root = document.documentElement.style;
    const observer = new ResizeObserver(() => root.setProperty("--bulk-toolbar-height", `${bar.offsetHeight}px`));
    observer.observe(bar);
    return () => {
      observer.disconnect();
      root.removeProperty("--bulk-toolbar-height");
    };
  }, [showing]);
  // A few names, then how many more.
  const nameList = (names: string[]) => {
    const shown = names.slice(0, 5);
    return names.length > shown.length
      ? t("andMore", { names: shown.join(", "), count: names.length - shown.length })
      : new Intl.ListFormat(locale, { type: "conjunction" }).format(shown);
  };
  // Who the confirmation is about: the selected rows' names, or, for "all matching", the filter's whole count.
  const who = () => (all ? t("whoAll", { count }) : t("who", { names: nameList(page.filter((row) => ids.has(row[0])).map((row) => String(row[1]))) }));
  // The selected users on this page whom every action refuses (they outrank the reader). With "all
  // matching" the server names them in its answer, as it does anyone else it refuses.
  const outranked = all || !outranking?.length ? [] : page.filter((row) => ids.has(row[0]) && outranking.includes(row[0])).map((row) => String(row[1]));
  const nobodyLeft = outranked.length > 0 && outranked.length === ids.size;
  return (
    <SelectionContext.Provider value={selection}>
      {showing ? (
        // Floats over the foot of the window (globals.css, .bulk-toolbar): ticking a box moves no row
        // under the pointer, where a bar above the table pushed every row down 68 px.
        <div ref={toolbar} role="region" aria-label={t("toolbar")} className="bulk-toolbar">
          <span className="font-medium" aria-live="polite">
            {t("selected", { count })}
          </span>
          {wholePage && !all && matching !== null && matching > pageIds.length ? (
            <button type="button" className="text-blue-800 underline" onClick={() => setAll(true)}>
              {t("selectAllMatching", { total: matching })}
            </button>
          ) : null}
          <button
            type="button"
            className="text-blue-800 underline"
            onClick={() => {
              setIds(new Set());
              setAll(false);
              pageBox.current?.focus(); // the toolbar, and this button, go away
            }}
          >
            {t("clear")}
          </button>
          {anyAction ? (
            <Menu
              label={t("menu")}
              trigger={<span className="text-sm font-medium">{t("menu")} ▾</span>}
              entries={entries}
              prepare={catalog.load}
              align="start"
              triggerClassName="border border-slate-300 bg-white"
            />
          ) : null}
        </div>
      ) : null}
      {children}
      <DialogReturnFocus.Provider value={returnTo}>
        <Dialog
          open={action !== null}
          onClose={close}
          // "Deactivation done" only when something was: all refused or already so says nothing changed.
          title={result && action ? (result.done > 0 ? t(`results.${action}`) : t("nothingDone")) : action ? t(`titles.${action}`, { count }) : ""}
          description={
            result || !action ? undefined : (
              <>
                <p>{action === "delete" ? t("bodyDelete", { count }) : action === "confirm" ? t("bodyConfirm") : t("body")}</p>
                <p className="mt-2 font-medium">{who()}</p>
                {outranked.length ? (
                  <p className="mt-2 font-medium text-amber-900">
                    {nobodyLeft ? t("outrankedAll", { count: outranked.length }) : t("outranked", { count: outranked.length, names: nameList(outranked) })}
                  </p>
                ) : null}
              </>
            )
          }
        >
          {result ? (
            <div className="flex flex-col gap-3 text-sm" role="status">
              <p>{t("done", { done: result.done, unchanged: result.unchanged, refused: result.refused.length })}</p>
              {result.refused.length ? (
                <ul aria-label={t("refusedList")} className="max-h-64 list-disc overflow-y-auto pl-5">
                  {result.refused.map((r) => (
                    <li key={r.id}>
                      {/* A reason that starts with the name ("Ana Ruiz has already registered") says it once. */}
                      <span className="font-medium">{r.name}</span>
                      {r.reason.startsWith(r.name) ? r.reason.slice(r.name.length) : `: ${r.reason}`}
                    </li>
                  ))}
                </ul>
              ) : null}
              {result.gone ? <p>{t("gone", { count: result.gone })}</p> : null}
              <div className="flex justify-end">
                <Button onClick={close}>{t("close")}</Button>
              </div>
            </div>
          ) : (
            <>
              {/* The action's fields, apart from each other and from the buttons under them (none: no space). */}
              <div className="mb-5 flex flex-col gap-4 empty:hidden">
                {action === "changeRole" ? (
                  <Select
                    name="bulk-role"
                    label={t("role")}
                    placeholder={t("chooseRole")}
                    value={choice}
                    onChange={(e) => setChoice(e.currentTarget.value)}
                    options={options.roles.filter((r) => !ungivable?.includes(r.id)).map((r) => ({ value: r.id, label: r.name }))}
                  />
                ) : null}
                {action === "moveBranch" || action === "moveTeam" ? (
                  <Select
                    name="bulk-unit"
                    label={action === "moveBranch" ? t("branch") : t("team")}
                    placeholder={action === "moveBranch" ? t("chooseBranch") : t("chooseTeam")}
                    value={choice}
                    onChange={(e) => setChoice(e.currentTarget.value)}
                    options={[
                      { value: NO_UNIT, label: action === "moveBranch" ? t("noBranch") : t("noTeam") },
                      ...(action === "moveBranch" ? options.branches : options.teams).map((u) => ({ value: u.id, label: u.name })),
                    ]}
                  />
                ) : null}
                {action === "delete" ? (
                  <UserPicker name="bulk-heir" label={t("heir")} hint={t("heirHint")} activeOnly onChange={(u) => setHeir(u?.id ?? null)} />
                ) : null}
                {action === "delete" && all ? (
                  <Input
                    name="bulk-count"
                    label={t("typeCount", { number: String(count) })}
                    inputMode="numeric"
                    autoComplete="off"
                    value={typed}
                    onChange={(e) => setTyped(e.currentTarget.value)}
                  />
                ) : null}
              </div>
              <DialogFooter error={error} onCancel={close}>
                <Button
                  variant={action === "delete" || action === "deactivate" ? "danger" : "primary"}
                  onClick={run}
                  disabled={pending || stale || needsChoice || needsTyping || nobodyLeft}
                >
                  {/* Said while it runs: each user goes through the single-user action, so many take a while. */}
                  {pending ? t("working", { count }) : action ? t(`confirm.${action}`, { count }) : ""}
                </Button>
              </DialogFooter>
            </>
          )}
        </Dialog>
      </DialogReturnFocus.Provider>
    </SelectionContext.Provider>
  );
}

/**
 * One row's checkbox, named "Select <name>": by `labelledBy`, the ids of elements that say it
 * (UsersBulk.selectLead, then the name), else by a label of its own.
 */
export function RowCheckbox({ id, name, labelledBy }: { id: string; name: string; labelledBy?: string }) {
  const t = useTranslations("UsersBulk");
  const { ids, all, toggle } = useSelection();
  const label = labelledBy ? { "aria-labelledby": labelledBy } : { "aria-label": t("selectOne", { name }) };
  return <input type="checkbox" {...label} checked={all || ids.has(id)} onChange={() => toggle(id)} />;
}

/** "Select all on this page". */
export function PageCheckbox({ pageIds }: { pageIds: string[] }) {
  const t = useTranslations("UsersBulk");
  const { ids, all, togglePage, pageBox } = useSelection();
  const checked = all || (pageIds.length > 0 && pageIds.every((id) => ids.has(id)));
  return <input ref={pageBox} type="checkbox" aria-label={t("selectPage")} checked={checked} onChange={togglePage} />;
}
