"use client";

import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";

export function SsoButton({ providerId, name, callbackUrl }: { providerId: string; name: string; callbackUrl: string }) {
  return (
    <Button className="w-full" onClick={() => signIn(providerId, { callbackUrl })}>
      Sign in with {name}
    </Button>
  );
}
