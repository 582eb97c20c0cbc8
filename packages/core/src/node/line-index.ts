/** A position in a text: line and column, both from 1. */
export interface LinePos {
  readonly line: number;
  readonly col: number;
}

/**
 * The line and column of offsets in one text. The line starts are found in one pass on the
 * first question (readers only ask when they have a problem to report), then each answer is
 * a binary search. Only `\n` ends a line, so a `\r\n` file counts its lines as any editor does,
 * and a column is the offset from the start of its line plus 1.
 *
 * @example
 * ```ts
 * const lines = new LineIndex('a: 1\nb: 2\n');
 * lines.linePos(8); // { line: 2, col: 4 }
 * ```
 */
export class LineIndex {
  #starts: number[] | undefined;

  constructor(private readonly text: string) {}

  /** The line and column of `offset` (an offset past the end counts from the last line's start). */
  linePos(offset: number): LinePos {
    const starts = (this.#starts ??= lineStarts(this.text));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, col: offset - starts[low]! + 1 };
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}
