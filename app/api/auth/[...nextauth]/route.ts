import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { limitSignInRequest } from "@/lib/security/rate-limit";

const handler = NextAuth(authOptions);

type Ctx = { params: Promise<{ nextauth: string[] }> };

// Sign-in attempts (the callback posts) are limited per client address and account: 429 with Retry-After.
export async function POST(req: Request, ctx: Ctx) {
  const { pathname } = new URL(req.url);
  if (pathname.includes("/callback/")) {
    const account = pathname.endsWith("/callback/demo") ? String((await req.clone().formData()).get("personId") ?? "") : "";
    const limited = limitSignInRequest(req, account);
    if (limited) return limited;
  }
  return handler(req, ctx);
}

export { handler as GET };
