/**
 * The roles that administer a partner in Baton (its API tokens, the vendor's decisions on its
 * claims): the practice lead and the executive sponsor. The API enforces it; the console offers
 * those forms only to them. They are partner-wide: on every deal of their partner they act in
 * these roles wherever its playbook gives the role authority, on the deal's team or not.
 */
export const PARTNER_ADMINS = ['LEAD', 'EXEC'] as const;
export type PartnerAdminRole = (typeof PARTNER_ADMINS)[number];

/** The partner-wide roles among the roles a person holds at their partner. */
export function partnerAdminRoles(roles: readonly string[]): PartnerAdminRole[] {
  return PARTNER_ADMINS.filter((role) => roles.includes(role));
}
