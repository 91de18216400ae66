import type { Schemas } from '../api/client';

/** The playbook's lifecycle, stage by stage, with the deal's current step marked. */
export function Lifecycle({ playbook, currentStep, completed }: { playbook: Schemas['Playbook']; currentStep?: string | undefined; completed: boolean }) {
  const order = playbook.stages.flatMap((s) => s.steps.map((step) => step.id));
  const currentIndex = currentStep ? order.indexOf(currentStep) : completed ? order.length : -1;
  return (
    <section aria-labelledby="lifecycle">
      <h2 id="lifecycle">Lifecycle</h2>
      <ol className="lifecycle">
        {playbook.stages.map((stage) => (
          <li key={stage.id} className="stage">
            <span className="stage-name">{stage.name}</span>
            <ol>
              {stage.steps.map((step) => {
                const index = order.indexOf(step.id);
                const state = index === currentIndex ? 'current' : index < currentIndex ? 'passed' : 'ahead';
                return (
                  <li key={step.id} className={`step ${state}`} aria-current={state === 'current' ? 'step' : undefined}>
                    {step.name}
                    <span className="visually-hidden">{state === 'current' ? ' (current step)' : state === 'passed' ? ' (passed)' : ''}</span>
                  </li>
                );
              })}
            </ol>
          </li>
        ))}
      </ol>
      {completed && <p>The lifecycle is complete.</p>}
    </section>
  );
}
