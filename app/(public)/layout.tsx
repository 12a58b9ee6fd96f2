import type { ReactNode } from "react";
import { CenteredCard } from "@/components/shell/centered-card";

export default function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <CenteredCard>{children}</CenteredCard>
    </>
  );
}
