import { mermaidDiagram } from '../domain/lifecycle/diagram';
import type { Playbook } from '../domain/playbook/schema';
import type { PlaybookView } from './schemas/playbook';

export function presentPlaybook(playbook: Playbook): PlaybookView {
  return {
    id: playbook.id,
    version: playbook.version,
    name: playbook.name,
    roles: playbook.roles.map((r) => ({ id: r.id, name: r.name })),
    entryStep: playbook.entryStep,
    stages: playbook.stages.map((stage) => ({
      id: stage.id,
      name: stage.name,
      steps: stage.steps.map((step) => ({ id: step.id, name: step.name, raci: step.raci })),
    })),
    handoffs: playbook.handoffs.map((h) => ({
      id: h.id,
      name: h.name,
      objective: h.objective,
      raci: h.raci,
      checklist: h.checklist.map((i) => ({ id: i.id, task: i.task, owner: i.owner })),
      artifacts: h.artifacts.map((a) => ({ id: a.id, name: a.name, required: a.required })),
    })),
    escalation: {
      rungs: playbook.escalation.rungs.map((r) => ({
        id: r.id,
        action: r.action,
        to: r.to,
        ...(r.daysBefore !== undefined ? { daysBefore: r.daysBefore } : {}),
        ...(r.atFractionOfWindow !== undefined ? { atFractionOfWindow: r.atFractionOfWindow } : {}),
      })),
      breachTo: [...playbook.escalation.breach.to],
      managers: [...playbook.escalation.managers],
    },
    diagram: mermaidDiagram(playbook),
  };
}
