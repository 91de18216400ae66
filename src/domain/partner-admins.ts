/**
 * The roles that administer a partner in Baton (its API tokens, the vendor's decisions on its
 * claims): the practice lead and the executive sponsor. The API enforces it; the console offers
 * those forms only to them.
 */
export const PARTNER_ADMINS = ['LEAD', 'EXEC'] as const;
