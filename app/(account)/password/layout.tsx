import type { ReactNode } from "react";
import { CenteredCard } from "@/components/shell/centered-card";
import { ClientMessages } from "@/components/shell/client-messages";

/** Pages a signed-in user reaches even when nothing else is reachable (an expired password). */
export default function AccountLayout({ children }: { children: ReactNode }) {
  return (
    <ClientMessages>
      <CenteredCard>{children}</CenteredCard>
    </ClientMessages>
  );
}
