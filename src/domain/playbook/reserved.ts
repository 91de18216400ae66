/**
 * Reserved names of the statechart, in a module without zod so that workflow code can import
 * the lifecycle without loading the playbook schemas.
 */

/** Reserved state key of the statechart's final state. */
export const COMPLETED_STATE = 'completed';
