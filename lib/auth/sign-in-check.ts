import "server-only";
import { prisma } from "@/lib/db/client";

export type SignInRefusal = "unknown" | "inactive" | "no_email";
export type SignInCheck = { ok: true; personId: string } | { ok: false; reason: SignInRefusal };

/** Who may sign in: a person in the directory (matched by email, any case) who is still active. */
export async function checkSignIn(email: string | null | undefined): Promise<SignInCheck> {
  const normalized = email?.trim();
  if (!normalized) return { ok: false, reason: "no_email" };
  const person = await prisma.user.findFirst({
    where: { email: { equals: normalized, mode: "insensitive" } },
    select: { id: true, active: true },
  });
  if (!person) return { ok: false, reason: "unknown" };
  if (!person.active) return { ok: false, reason: "inactive" };
  return { ok: true, personId: person.id };
}

export function deniedUrl(reason: SignInRefusal, email?: string | null): string {
  const params = new URLSearchParams({ reason });
  if (email) params.set("email", email);
  return `/signin/denied?${params}`;
}
