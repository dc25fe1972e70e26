// Boundary of a comment on an exception request.
import { z } from "zod";
import { requestId } from "./fields";
import { freeText } from "./text";

export const commentSchema = z.object({
  requestId,
  body: freeText({ max: 4000, required: "Write a comment.", tooLong: "Keep comments under 4,000 characters." }),
});
export type CommentInput = z.infer<typeof commentSchema>;
