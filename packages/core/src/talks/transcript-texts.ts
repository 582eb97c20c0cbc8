import type { Patch } from 'immer';
import { historyImmer } from '../history/immer.js';
import type { PlanSpec } from '../model/specs.js';
import type { Scenario } from '../scenario/scenario.js';
import type { Transcript } from './runner.js';

/**
 * The text of every version a transcript's parties were shown, by the version's name in the
 * transcript (`us-28@0`, `us-ukraine-19@1`, … for the mediator's text; the plan's id for a
 * counter-proposal). A transcript keeps plan ids and patches, not texts, to stay readable;
 * this rebuilds the texts from the scenario's plans and the recorded patches, so that a
 * report can judge a version again (at another bar, say) or quote its points.
 *
 * A version whose text cannot be rebuilt (a transcript of another scenario, patches that no
 * longer apply) is left out rather than guessed.
 *
 * @example
 * ```ts
 * const transcript = runScenario(scenario, talks, { seed: 1 });
 * const texts = transcriptTexts(scenario, transcript);
 * texts.get('us-ukraine-19@1')?.points.length; // 19
 * ```
 */
export function transcriptTexts(scenario: Scenario, transcript: Transcript): ReadonlyMap<string, PlanSpec> {
  const texts = new Map<string, PlanSpec>();
  // The same plain copy the talks start from (timelineScript): the patches were recorded on it.
  const planSpec = (id: string): PlanSpec | undefined => {
    const plan = scenario.plans.find((candidate) => candidate.id === id);
    return plan === undefined ? undefined : (JSON.parse(JSON.stringify(plan)) as PlanSpec);
  };
  for (const step of transcript.steps) {
    const effect = step.effect;
    if (!step.accepted || effect === null) continue;
    if (effect.kind === 'opened') {
      const text = typeof step.event['text'] === 'string' ? planSpec(step.event['text']) : undefined;
      if (text !== undefined) texts.set(effect.version, text);
    } else if (effect.kind === 'counter-proposal') {
      const text = planSpec(effect.plan);
      if (text !== undefined) texts.set(effect.plan, text);
    } else if (effect.kind === 'revised') {
      const base = texts.get(effect.from);
      if (base === undefined) continue;
      try {
        texts.set(effect.to, historyImmer().applyPatches(base, effect.patches as Patch[]));
      } catch {
        // Patches that do not fit: the version stays unknown, as the doc comment says.
      }
    }
  }
  return texts;
}
