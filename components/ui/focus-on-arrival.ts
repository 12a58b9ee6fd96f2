/**
 * After a push to another page (a role deleted from its own page, back to the list): the element the
 * person should land on, once the new page has drawn it, gets the focus, rather than the focus staying
 * on the page's start where the gone button left it. Gives up after a few seconds (a slow page, or
 * the person already moved on: then the focus is not taken from where they put it).
 */
export function focusOnArrival(selector: string, timeoutMs = 5000): void {
  const take = () => {
    const target = document.querySelector<HTMLElement>(selector);
    if (!target) return false;
    if (document.activeElement && document.activeElement !== document.body) return true;
    if (!target.matches("a, button, input, select, textarea, [tabindex]")) target.setAttribute("tabindex", "-1");
    target.focus();
    return true;
  };
  const watch = new MutationObserver(() => {
    if (take()) watch.disconnect();
  });
  watch.observe(document.body, { childList: true, subtree: true });
  setTimeout(() => watch.disconnect(), timeoutMs);
}
