"use client";

import { useActionState } from "react";
import { mapVendorAccountAction } from "@/app/(portal)/admin/vendor-reports/actions";
import { FormMessage, inputClass } from "@/components/ui/form-field";
import { SubmitButton } from "@/components/ui/submit-button";

type Option = { value: string; label: string };

const compact = inputClass.replace("w-full", "w-auto");

/** Whose a vendor account is: a team or a gateway key (or nobody). */
export function AccountMappingForm({ vendorId, accountRef, current, label, teams, gatewayKeys }: { vendorId: string; accountRef: string; current: string; label: string; teams: Option[]; gatewayKeys: Option[] }) {
  const [state, action] = useActionState(mapVendorAccountAction, {});
  const id = `map-${vendorId}-${accountRef}`.replace(/[^a-zA-Z0-9_-]/g, "-");
  return (
    <form action={action} className="flex flex-wrap items-center gap-2" aria-label={`Map ${accountRef}`}>
      <input type="hidden" name="vendorId" value={vendorId} />
      <input type="hidden" name="accountRef" value={accountRef} />
      <label htmlFor={`${id}-target`} className="sr-only">
        Whose is {accountRef}
      </label>
      <select id={`${id}-target`} name="target" defaultValue={current} className={compact} aria-describedby={`${id}-msg`}>
        <option value="">Not mapped</option>
        <optgroup label="Teams">
          {teams.map((t) => (
            <option key={t.value} value={`team:${t.value}`}>
              {t.label}
            </option>
          ))}
        </optgroup>
        <optgroup label="Gateway keys">
          {gatewayKeys.map((k) => (
            <option key={k.value} value={`key:${k.value}`}>
              {k.label}
            </option>
          ))}
        </optgroup>
      </select>
      <label htmlFor={`${id}-label`} className="sr-only">
        Note for {accountRef}
      </label>
      <input id={`${id}-label`} name="label" defaultValue={label} placeholder="Note (optional)" maxLength={200} className={inputClass.replace("w-full", "w-40")} />
      <SubmitButton size="sm" variant="secondary" pendingLabel="Saving…">
        Save
      </SubmitButton>
      <div id={`${id}-msg`} className="basis-full">
        <FormMessage state={state} />
      </div>
    </form>
  );
}
