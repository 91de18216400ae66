import type { Client } from '@temporalio/client';
import type { ClaimsGateway } from '../src/claims/gateway';
import { ClaimsLedger } from '../src/db/claims/claim-ledger';
import type { Db } from '../src/db/connect';
import type { Notifier } from '../src/notify/notifier';
import { createCapsActivities } from './caps';
import { createClaimsActivities } from './claims';
import { createHandoffActivities } from './handoffs';
import { createNotifyActivities } from './notify';
import { createProjectionActivities } from './project';

/** The activities the Baton worker hosts: side effects only, each idempotent. */
export interface ActivityDependencies {
  /** Base URL of the Baton API, used in links sent to people. */
  publicUrl: string;
  notifier: Notifier;
  claims: ClaimsGateway;
  /** Baton's business database: the claims ledger and the deal read model. */
  db: Db;
  /** Reaches the partner cap entities and starts handoffs; optional so that hosts without them need no connection. */
  client?: Client;
}

export function createActivities(deps: ActivityDependencies) {
  return {
    ...createNotifyActivities({ notifier: deps.notifier, publicUrl: deps.publicUrl }),
    ...createClaimsActivities({ claims: deps.claims, ledger: new ClaimsLedger(deps.db) }),
    ...createCapsActivities({ client: deps.client }),
    ...createHandoffActivities({ client: deps.client }),
    ...createProjectionActivities({ db: deps.db }),
  };
}
export type BatonActivities = ReturnType<typeof createActivities>;
