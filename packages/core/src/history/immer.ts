import { Immer, enablePatches } from 'immer';

// Plan history records every revision as immer patches, so the patch plugin must be on
// before the first revision is produced. `enablePatches` registers a module-wide plugin and
// is safe to call more than once; calling it lazily (rather than at import time) keeps this
// module free of import side effects, as the package's `"sideEffects": false` promises.
let patchesEnabled = false;

// A private Immer instance: another part of the program calling immer's global
// `setAutoFreeze(false)` must not make revised plans mutable. Auto-freeze stays on, so
// everything a revision produces is frozen, like every other plan.
const instance = new Immer({ autoFreeze: true });

/** @internal The Immer instance plan history uses, with patches enabled. */
export function historyImmer(): Immer {
  if (!patchesEnabled) {
    enablePatches();
    patchesEnabled = true;
  }
  return instance;
}
