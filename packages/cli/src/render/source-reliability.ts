// Whether a verdict rests only on sources marked `reliability: low` is the core's answer:
// `Assessment.restsOnLowReliabilitySources`, and the notes `explain()` ends with
// (packages/core/src/model/source-reliability.ts). The CLI only shows them.

/** Whether a line of `explain()` is one of its notes (the low-reliability note, for one), which the CLI sets apart. */
export function isNote(line: string): boolean {
  return line.startsWith('Note: ');
}

/** Orders source keys by their number when they are written like S12, else by text (the core's order). */
export { compareSourceKeys as byKey } from '@parley/core';
