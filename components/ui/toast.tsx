"use client";

import * as RadixToast from "@radix-ui/react-toast";
import { useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { NOTICE_COOKIE, NOTICES, type Notice } from "./notice";
import { cn } from "./cn";

type Tone = "success" | "error" | "info";
interface ToastMessage {
  id: number;
  tone: Tone;
  text: string;
}

const ToastContext = createContext<(text: string, tone?: Tone) => void>(() => {});

/**
 * Results of actions as toasts: Radix UI's Toast (announced to screen readers, paused on hover and
 * focus, swipe or Escape to dismiss, F8 to reach them), in Rollcall's look.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const t = useTranslations("Ui");
  const [messages, setMessages] = useState<ToastMessage[]>([]);
  const push = useCallback((text: string, tone: Tone = "success") => {
    setMessages((m) => [...m, { id: Date.now() + Math.random(), tone, text }]);
  }, []);
  const drop = (id: number) => setMessages((m) => m.filter((x) => x.id !== id));
  // A notice a server action left for the page it redirects to (lib: leaveNotice), said once here:
  // on the first page after a forced password change, which is not the form that changed it.
  const pathname = usePathname();
  useEffect(() => {
    // Read once the page is drawn (a timer, so a development double effect reads it once).
    const timer = setTimeout(() => {
      const notice = document.cookie.match(new RegExp(`(?:^|; )${NOTICE_COOKIE}=([^;]*)`))?.[1] as Notice | undefined;
      if (!notice) return;
      document.cookie = `${NOTICE_COOKIE}=; Max-Age=0; Path=/; SameSite=Lax`;
      if (NOTICES.includes(notice)) push(t(`notices.${notice}`));
    });
    return () => clearTimeout(timer);
  }, [pathname, push, t]);
  return (
    <ToastContext.Provider value={push}>
      <RadixToast.Provider duration={6000} swipeDirection="right" label={t("notification")}>
        {children}
        {messages.map((m) => (
          <RadixToast.Root
            key={m.id}
            type={m.tone === "error" ? "foreground" : "background"}
            onOpenChange={(open) => (open ? undefined : drop(m.id))}
            className={cn(
              "flex items-start justify-between gap-3 rounded-md px-4 py-3 text-sm shadow-lg",
              m.tone === "success" && "bg-green-800 text-white",
              m.tone === "error" && "bg-red-800 text-white",
              m.tone === "info" && "bg-slate-800 text-white",
            )}
          >
            <RadixToast.Description>{m.text}</RadixToast.Description>
            <RadixToast.Close aria-label={t("dismiss")} className="rounded px-1 leading-none opacity-80 hover:opacity-100">
              <span aria-hidden="true">×</span>
            </RadixToast.Close>
          </RadixToast.Root>
        ))}
        <RadixToast.Viewport
          label={t("notifications", { hotkey: "{hotkey}" }) /* Radix puts the key (F8) in place of {hotkey} */}
          className="ui-toast-viewport" // app/globals.css
        />
      </RadixToast.Provider>
    </ToastContext.Provider>
  );
}

export function useToast() {
  return useContext(ToastContext);
}
