"use server";

import { authedAction } from "@/lib/actions/action-client";
import { requestCapIncrease } from "@/lib/caps/request-cap-increase";
import { capIncreaseSchema } from "@/lib/validation/cap";

const everyone = ["engineer", "manager", "legal", "admin"] as const;

export const requestCapIncreaseAction = authedAction({ roles: [...everyone], schema: capIncreaseSchema }, async (input, person) => {
  const { notified } = await requestCapIncrease(person, input);
  return {
    ok: true,
    message: notified
      ? `Sent to your manager and the cap admins (${notified}). An admin sets the new cap on Token caps; you will see it here.`
      : "You already asked this month; your manager and the cap admins have your request.",
  };
});
