import type { DescribedChange } from "@/lib/audit/describe-event";

/**
 * An event's changed fields, before → after, as a small table of its own. Its columns keep their
 * shares of the width (a field's name two fifths on a phone, where "Permissions" broke in a third,
 * a third from sm up; each value the rest): a long e-mail on a phone wraps within its own column,
 * where it used to squeeze the field's name to a letter a line.
 */
export function EventChanges({ changes, labels }: { changes: DescribedChange[]; labels: { caption: string; field: string; before: string; after: string } }) {
  if (changes.length === 0) return null;
  return (
    <table className="mt-2 w-full table-fixed text-xs [overflow-wrap:anywhere]">
      <caption className="sr-only">{labels.caption}</caption>
      <thead>
        <tr className="text-left text-slate-700">
          <th scope="col" className="w-2/5 py-1 pr-3 font-medium sm:w-1/3">
            {labels.field}
          </th>
          <th scope="col" className="py-1 pr-3 font-medium">
            {labels.before}
          </th>
          <th scope="col" className="py-1 font-medium">
            {labels.after}
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {changes.map((c, i) => (
          <tr key={i}>
            <th scope="row" className="py-1 pr-3 text-left align-top font-normal text-slate-800">
              {c.field}
            </th>
            <td className="py-1 pr-3 align-top text-slate-700">{c.before}</td>
            <td className="py-1 align-top text-slate-900">{c.after}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
