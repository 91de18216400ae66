import type { HealthConfig } from './schema';

export type RenewalRiskLevel = 'High' | 'Medium' | 'Low';

export interface RenewalRisk {
  level: RenewalRiskLevel;
  /** Active / licensed users; 0 when nothing is licensed (nothing in use to renew). */
  utilisation: number;
}

/** Renewal risk from licence use (DOMAIN section 6): utilisation against the configured thresholds. */
export function renewalRisk(thresholds: HealthConfig['renewalRisk'], licensed: number, active: number): RenewalRisk {
  const utilisation = licensed > 0 ? active / licensed : 0;
  const level: RenewalRiskLevel = utilisation < thresholds.highBelow ? 'High' : utilisation < thresholds.mediumBelow ? 'Medium' : 'Low';
  return { level, utilisation };
}
