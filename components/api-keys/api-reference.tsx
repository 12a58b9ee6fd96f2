"use client";

import { useEffect, useRef, useState } from "react";

type SwaggerUIBundle = (options: Record<string, unknown>) => unknown;

/**
 * Swagger UI (swagger-ui-dist), loaded from this origin once the page is up, reading the document
 * generated from the API's own zod schemas. "Try it out" sends requests to /api/v1 with the key the
 * reader pastes into Authorize; the API ignores the console's cookie.
 */
export function ApiReference({ loading, operations }: { loading: string; operations: string }) {
  const root = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = "/api-docs/assets/swagger-ui.css";
    document.head.appendChild(css);
    const script = document.createElement("script");
    script.src = "/api-docs/assets/swagger-ui-bundle.js";
    script.async = true;
    script.onload = () => {
      const bundle = (window as unknown as { SwaggerUIBundle?: SwaggerUIBundle }).SwaggerUIBundle;
      if (!bundle || !root.current) return;
      bundle({ url: "/api-docs/openapi.json", domNode: root.current, deepLinking: false, tryItOutEnabled: true, defaultModelsExpandDepth: 0 });
      setReady(true);
    };
    // Swagger UI draws its operations in a <main> of its own, inside the page's: a second main
    // landmark. It becomes a region named for what it holds.
    const landmarks = new MutationObserver(() => {
      for (const main of root.current?.querySelectorAll("main:not([role])") ?? []) {
        main.setAttribute("role", "region");
        main.setAttribute("aria-label", operations);
      }
    });
    if (root.current) landmarks.observe(root.current, { childList: true, subtree: true });
    document.body.appendChild(script);
    return () => {
      landmarks.disconnect();
      css.remove();
      script.remove();
    };
  }, [operations]);
  return (
    <div className="api-reference rounded-lg border border-slate-200 bg-white p-2 text-slate-900">
      {ready ? null : <p className="p-4 text-sm text-slate-700">{loading}</p>}
      <div ref={root} />
    </div>
  );
}
