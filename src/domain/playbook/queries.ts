import type { HandoffTemplate, Playbook, RaciLetter, RaciRow, Stage, Step } from './schema';

/** A step with its stage and its position in the whole lifecycle (0-based). */
export interface PlacedStep {
  stage: Stage;
  step: Step;
  index: number;
}

/**
 * Placed steps per playbook, in order and by id. A playbook is parsed once and never changed, and
 * a deal asks for its steps at every transition, search-attribute refresh and RACI lookup.
 */
interface PlacedSteps {
  inOrder: readonly PlacedStep[];
  byId: ReadonlyMap<string, PlacedStep>;
}
const placedSteps = new WeakMap<Playbook, PlacedSteps>();

function placed(playbook: Playbook): PlacedSteps {
  let known = placedSteps.get(playbook);
  if (!known) {
    const inOrder = playbook.stages.flatMap((stage) => stage.steps.map((step) => ({ stage, step }))).map((s, index) => ({ ...s, index }));
    // The first of a repeated id, as a search in order would find it.
    const byId = new Map<string, PlacedStep>();
    for (const s of inOrder) if (!byId.has(s.step.id)) byId.set(s.step.id, s);
    known = { inOrder, byId };
    placedSteps.set(playbook, known);
  }
  return known;
}

/** Every step in lifecycle order. */
export function stepsInOrder(playbook: Playbook): readonly PlacedStep[] {
  return placed(playbook).inOrder;
}

export function findStep(playbook: Playbook, stepId: string): PlacedStep | undefined {
  return placed(playbook).byId.get(stepId);
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
