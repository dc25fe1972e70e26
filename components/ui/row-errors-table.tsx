export type RowError = { row: string | number; field: string; message: string };

/** The problems found in an uploaded file, one line per row and field, so each can be fixed where it is. */
export function RowErrorsTable({ caption, errors }: { caption: string; errors: RowError[] }) {
  if (errors.length === 0) return null;
  return (
    <div className="overflow-x-auto rounded-md border border-red-200">
      <table className="min-w-full divide-y divide-red-100 text-sm">
        <caption className="bg-red-50 px-3 py-2 text-left text-sm font-semibold text-red-900">{caption}</caption>
        <thead className="bg-red-50/50">
          <tr>
            <th scope="col" className="px-3 py-1.5 text-left text-xs font-semibold">Row</th>
            <th scope="col" className="px-3 py-1.5 text-left text-xs font-semibold">Field</th>
            <th scope="col" className="px-3 py-1.5 text-left text-xs font-semibold">Problem</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-red-50 bg-white">
          {errors.map((e) => (
            <tr key={`${e.row}-${e.field}-${e.message}`}>
              <td className="px-3 py-1.5 tabular-nums">{e.row}</td>
              <td className="px-3 py-1.5 font-mono text-xs">{e.field}</td>
              <td className="px-3 py-1.5">{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
