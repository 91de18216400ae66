import { freePorts } from './free-ports';
import type { TemporalServerPorts } from './temporal-server-config';

/** Membership ports go into a smallint column of the cluster_membership table. */
const MEMBERSHIP_PORT_LIMIT = 32768;

export async function freeTemporalServerPorts(): Promise<TemporalServerPorts> {
  const [frontend, frontendHttp, history, matching, worker] = (await freePorts(5)) as [number, number, number, number, number];
  const [frontendMembership, historyMembership, matchingMembership, workerMembership] = (await freePorts(4, { below: MEMBERSHIP_PORT_LIMIT })) as [number, number, number, number];
  return { frontend, frontendHttp, frontendMembership, history, historyMembership, matching, matchingMembership, worker, workerMembership };
}
