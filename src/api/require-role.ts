import type { Principal } from '../auth/token-store';
import { forbidden } from './errors';


/** Refuses (403, naming what the caller holds) unless the caller holds one of `roles` at their partner. */
export function requireRole(principal: Principal, roles: readonly string[], what: string): void {
  if (principal.roles.some((r) => roles.includes(r))) return;
  throw forbidden(`${what} needs the ${roles.join(' or ')} role at ${principal.partnerId}; you hold ${principal.roles.join(', ') || 'no role'}`);
}
