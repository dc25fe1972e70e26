import "server-only";
import { prisma } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";

/** The four demo accounts of the seed, in the order the sign-in page lists them. */
export const DEMO_ACCOUNTS: { email: string; role: Role }[] = [
  { email: "engineer@example.com", role: "engineer" },
  { email: "manager@example.com", role: "manager" },
  { email: "legal@example.com", role: "legal" },
  { email: "admin@example.com", role: "admin" },
];

export type SignInChoice = { id: string; name: string; email: string; roles: Role[]; title: string | null };

/** People the demo sign-in offers: the demo accounts first, then every other active person by name. */
export async function listSignInChoices(): Promise<{ demo: SignInChoice[]; others: SignInChoice[] }> {
  const people = await prisma.user.findMany({
    where: { active: true },
    select: { id: true, name: true, email: true, roles: true, title: true },
    orderBy: { name: "asc" },
  });
  const demoEmails = DEMO_ACCOUNTS.map((d) => d.email);
  const demo = demoEmails.flatMap((email) => people.filter((p) => p.email === email));
  return { demo, others: people.filter((p) => !demoEmails.includes(p.email)) };
}
