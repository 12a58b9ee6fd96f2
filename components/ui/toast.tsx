"use client";

import * as RadixToast from "@radix-ui/react-toast";
import { useTranslations } from "next-intl";
import { createContext, useCallback, useContext, useState, type ReactNode } from "react";
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
