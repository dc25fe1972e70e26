export const SCIM_DEACTIVATION_REASON = "The person was deactivated by the identity provider.";
