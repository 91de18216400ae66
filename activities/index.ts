import type { Client } from '@temporalio/client';
import type { ClaimsGateway } from '../src/claims/gateway';
import type { Notifier } from '../src/notify/notifier';
import { createCapsActivities } from './caps';
import { createClaimsActivities } from './claims';
import { createHandoffActivities } from './handoffs';
import { createNotifyActivities } from './notify';

/** The activities the Baton worker hosts: side effects only, each idempotent. */
export interface ActivityDependencies {
  /** Base URL of the Baton API, used in links sent to people. */
  publicUrl: string;
  notifier: Notifier;
  claims: ClaimsGateway;
  /** Reaches the partner cap entities and starts handoffs; optional so that hosts without them need no connection. */
  client?: Client;
}

export function createActivities(deps: ActivityDependencies) {
  return {
    ...createNotifyActivities({ notifier: deps.notifier, publicUrl: deps.publicUrl }),
    ...createClaimsActivities({ claims: deps.claims }),
    ...createCapsActivities({ client: deps.client }),
    ...createHandoffActivities({ client: deps.client }),
  };
}
export type BatonActivities = ReturnType<typeof createActivities>;
