import type { ExitCriterion, Playbook } from '../playbook/schema';
import { stepsInOrder } from '../playbook/queries';

/**
 * Mermaid `stateDiagram-v2` of a playbook's lifecycle: stages as composite states, steps in
 * order, each transition labelled with the exit criteria that guard it. Step ids may repeat a
 * stage id (Onboard/Onboard), so node ids are `stage_step`.
 */

function criterionLabel(c: ExitCriterion): string {
  switch (c.kind) {
    case 'handoff-accepted':
      return `${c.handoff} accepted`;
    case 'success-plan-submitted':
      return 'success plan submitted';
    case 'business-outcomes-confirmed':
      return 'outcomes confirmed';
    case 'usage-recorded':
      return 'usage recorded';
    case 'expansion-booked':
      return 'expansion booked';
  }
}

const nodeId = (stage: string, step: string): string => `${stage}_${step}`.replace(/-/g, '_');
const stageNodeId = (stage: string): string => `${stage.replace(/-/g, '_')}_stage`;
const quoted = (label: string): string => label.replace(/"/g, "'");

export function mermaidDiagram(playbook: Playbook): string {
  const steps = stepsInOrder(playbook);
  const lines = ['stateDiagram-v2'];
  const entry = steps.find((s) => s.step.id === playbook.entryStep);
  if (entry) lines.push(`  [*] --> ${nodeId(entry.stage.id, entry.step.id)}`);
  for (const stage of playbook.stages) {
    lines.push(`  state "${quoted(stage.name)}" as ${stageNodeId(stage.id)} {`);
    for (const step of stage.steps) lines.push(`    state "${quoted(step.name)}" as ${nodeId(stage.id, step.id)}`);
    lines.push('  }');
  }
  steps.forEach((placed, index) => {
    const from = nodeId(placed.stage.id, placed.step.id);
    const next = steps[index + 1];
    const to = next ? nodeId(next.stage.id, next.step.id) : '[*]';
    const guards = placed.step.exitCriteria.map(criterionLabel);
    lines.push(`  ${from} --> ${to}${guards.length > 0 ? ` : ${guards.join(', ')}` : ''}`);
  });
  if (entry && entry.index > 0) {
    lines.push(`  note right of ${nodeId(entry.stage.id, entry.step.id)}`);
    lines.push(`    Deals enter here; earlier steps are optional history`);
    lines.push('  end note');
  }
  return `${lines.join('\n')}\n`;
}
