// Print: drop the app chrome so a report prints as a document; charts keep their colours.
const css = `@media print {
  aside, header, form[aria-label="Report filters"] { display: none !important; }
  main { padding: 0 !important; }
  section { break-inside: avoid; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}`;

export function ReportPrintStyles() {
  return (
    <style href="guardrail-report-print" precedence="default">
      {css}
    </style>
  );
}
