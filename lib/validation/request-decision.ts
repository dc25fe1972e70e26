// Boundary of the decisions on an exception request: approve (with optional conditions), reject, withdraw.
// Past these schemas the use cases trust their input.
import { z } from "zod";
import { optionalInstant, reason, requestId } from "./fields";
import { optionalFreeText } from "./text";

const optionalText = (max: number) => optionalFreeText({ max });

const requestRef = {
  requestId,
  /** the version the person saw: a decision on a stale page is a conflict, not a silent overwrite */
  version: z.coerce.number().int().min(1).optional(),
  /** where the decision was taken, to return there with the outcome: the approvals queue or the request page */
  from: z.enum(["queue", "request"]).optional().catch(undefined),
};

export const approveSchema = z
  .object({
    ...requestRef,
    validFrom: optionalInstant("condition start"),
    validTo: optionalInstant("condition end"),
    capOverrideTokens: z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        if (!v) return undefined;
        const n = Number(v.replaceAll(/[,_\s]/g, ""));
        if (!Number.isInteger(n) || n <= 0 || n > 1e12) {
          ctx.addIssue({ code: "custom", message: "Enter a whole, positive number of tokens per month." });
          return z.NEVER;
        }
        return n;
      }),
    note: optionalText(2000),
  })
  .superRefine((v, ctx) => {
    if (v.validFrom && v.validTo && v.validTo.getTime() <= v.validFrom.getTime())
      ctx.addIssue({ code: "custom", path: ["validTo"], message: "The end must be after the start." });
  });
// Every condition is optional; the schema's output marks them "present but maybe undefined".
export type ApproveInput = Partial<z.infer<typeof approveSchema>> & { requestId: string };

export const rejectSchema = z.object({ ...requestRef, reason });
export type RejectInput = z.infer<typeof rejectSchema>;

export const withdrawSchema = z.object(requestRef);
export type WithdrawInput = z.infer<typeof withdrawSchema>;
