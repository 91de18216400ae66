/** The activities the Baton worker hosts: side effects only, each idempotent. */
export interface ActivityDependencies {
  /** Base URL of the Baton API, used in links sent to people. */
  publicUrl: string;
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars
export function createActivities(_deps: ActivityDependencies) {
  return {};
}
export type BatonActivities = ReturnType<typeof createActivities>;
