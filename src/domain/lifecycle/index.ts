/** The deal lifecycle: statechart built from a playbook, used through pure transitions only. */
export { createLifecycle, type Lifecycle, type LifecycleMachine } from './machine';
export { startLifecycle, decide, describeState, type DecisionContext, type StateDescription } from './decide';
export { mermaidDiagram } from './diagram';
export { renewalDueOn, renewalLeadDays, unmetExitCriteria } from './rules';
export * from './types';
