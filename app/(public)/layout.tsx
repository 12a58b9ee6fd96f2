import type { ReactNode } from "react";
import { CenteredCard } from "@/components/shell/centered-card";
import { ClientMessages } from "@/components/shell/client-messages";

export default function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <ClientMessages>
      <CenteredCard>{children}</CenteredCard>
    </ClientMessages>
  );
}
