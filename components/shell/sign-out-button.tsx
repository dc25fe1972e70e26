"use client";

import { signOut } from "next-auth/react";
import { ActionButton } from "@/components/ui/action-button";

export function SignOutButton() {
  return (
    <ActionButton variant="secondary" size="sm" onClick={() => signOut({ callbackUrl: "/signin" })}>
      Sign out
    </ActionButton>
  );
}
