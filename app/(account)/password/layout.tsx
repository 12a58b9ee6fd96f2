import type { ReactNode } from "react";
import { CenteredCard } from "@/components/shell/centered-card";

/** Pages a signed-in user reaches even when nothing else is reachable (an expired password). */
export default function AccountLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <CenteredCard>{children}</CenteredCard>
    </>
  );
}
