"use client";

import { signIn } from "next-auth/react";
import { ActionButton } from "@/components/ui/action-button";

export function SsoButton({ providerId, name, callbackUrl }: { providerId: string; name: string; callbackUrl: string }) {
  return (
    <ActionButton className="w-full" onClick={() => signIn(providerId, { callbackUrl })}>
      Sign in with {name}
    </ActionButton>
  );
}
