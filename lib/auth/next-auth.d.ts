import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    personId?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    personId?: string;
    /** The AuthSession record this cookie belongs to. */
    sid?: string;
  }
}
