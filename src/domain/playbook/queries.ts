import type { HandoffTemplate, Playbook, RaciLetter, RaciRow, Stage, Step } from './schema';

/** A step with its stage and its position in the whole lifecycle (0-based). */
export interface PlacedStep {
  stage: Stage;
  step: Step;
  index: number;
}

/** Every step in lifecycle order. */
export function stepsInOrder(playbook: Playbook): PlacedStep[] {
  return playbook.stages.flatMap((stage) => stage.steps.map((step) => ({ stage, step }))).map((s, index) => ({ ...s, index }));
}

export function findStep(playbook: Playbook, stepId: string): PlacedStep | undefined {
  return stepsInOrder(playbook).find((s) => s.step.id === stepId);
}

export function findHandoff(playbook: Playbook, templateId: string): HandoffTemplate | undefined {
  return playbook.handoffs.find((h) => h.id === templateId);
}

/** The roles whose cell contains `letter` ("R/A" counts for both R and A). */
export function rolesWith(raci: RaciRow, letter: RaciLetter): string[] {
  return Object.entries(raci)
    .filter(([, cell]) => cell.split('/').includes(letter))
    .map(([role]) => role);
}

export function roleName(playbook: Playbook, roleId: string): string {
  return playbook.roles.find((r) => r.id === roleId)?.name ?? roleId;
}
