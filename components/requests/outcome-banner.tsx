const MESSAGES: Record<string, string> = {
  approved: "Approved: the grant is live for its window.",
  forwarded: "Approved at the manager stage; it now goes to legal.",
  rejected: "Rejected; the requester has been told why.",
  withdrawn: "Request withdrawn.",
  filed: "Request filed. Your manager has been notified.",
};

/** The outcome of the action that brought the person here (?done=…). */
export function OutcomeBanner({ done }: { done?: string }) {
  const message = done ? MESSAGES[done] : undefined;
  if (!message) return null;
  return (
    <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
      {message}
    </p>
  );
}
