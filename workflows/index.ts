/** Every workflow the Baton worker runs; this file is the entry point of the sandbox bundle. */
export { baselineWorkflow } from './baseline';
export { dealWorkflow } from './deal';
export { handoffWorkflow } from './handoff';
export { partnerCapsWorkflow } from './partner-caps';
