import type { ReactNode } from "react";
import { cn } from "./cn";

export function Alert({ tone = "error", children }: { tone?: "error" | "info" | "success"; children: ReactNode }) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      className={cn(
        "rounded-md border px-4 py-3 text-sm [overflow-wrap:anywhere]",
        tone === "error" && "border-red-300 bg-red-50 text-red-900",
        tone === "info" && "border-blue-300 bg-blue-50 text-blue-900",
        tone === "success" && "border-green-300 bg-green-50 text-green-900",
      )}
    >
      {children}
    </div>
  );
}
