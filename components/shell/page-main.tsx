"use client";

import { createContext, useContext, type ReactNode } from "react";

const InMain = createContext(false);

/**
 * The page's one main landmark (the skip link's target), telling what renders inside it that there is one:
 * the 404, 403 and 401 pages render their own only where no layout gave one (a URL that matches
 * nothing), never a second inside the console's.
 */
export function PageMain({ className, children }: { className: string; children: ReactNode }) {
  // Focusable from script only: the skip link moves the focus here, not just the view.
  return (
    <main id="main" tabIndex={-1} className={`${className} outline-none`}>
      <InMain.Provider value={true}>{children}</InMain.Provider>
    </main>
  );
}

/** A main landmark where the page has none yet, else a plain div. */
export function MainUnlessInOne({ className, children }: { className: string; children: ReactNode }) {
  return useContext(InMain) ? (
    <div className={className}>{children}</div>
  ) : (
    <main id="main" tabIndex={-1} className={`${className} outline-none`}>
      {children}
    </main>
  );
}
