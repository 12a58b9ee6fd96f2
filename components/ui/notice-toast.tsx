"use client";

import { useTranslations } from "next-intl";
import { usePathname } from "next/navigation";
import { useEffect } from "react";
import { NOTICE_COOKIE, NOTICES, type Notice } from "./notice";
import { useToast } from "./toast";

/**
 * Says, as a toast, a notice a server action left for the page it redirects to (./notice.ts): on the
 * first page after a forced password change, which is not the form that changed it. Read once the
 * page is drawn (a timer, so a development double effect reads it once) and cleared.
 */
export function NoticeToast() {
  const t = useTranslations("Ui");
  const push = useToast();
  const pathname = usePathname();
  useEffect(() => {
    const timer = setTimeout(() => {
      const notice = document.cookie.match(new RegExp(`(?:^|; )${NOTICE_COOKIE}=([^;]*)`))?.[1] as Notice | undefined;
      if (!notice) return;
      document.cookie = `${NOTICE_COOKIE}=; Max-Age=0; Path=/; SameSite=Lax`;
      if (NOTICES.includes(notice)) push(t(`notices.${notice}`));
    });
    return () => clearTimeout(timer);
  }, [pathname, push, t]);
  return null;
}
