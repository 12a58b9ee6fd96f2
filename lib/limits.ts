/**
 * Limits the browser and the server both know: a field's maxLength and its schema's max. A module
 * of plain constants, so a client component imports it without zod.
 */

/** A search's longest term (lib/validation.ts's SearchTerm): the box takes no more, so none is refused. */
export const SEARCH_MAX = 200;
