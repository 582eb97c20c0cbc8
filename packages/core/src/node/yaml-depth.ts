/**
 * How deep the collections of a YAML file may nest (block indentation levels, `- ` entries and
 * `[ ]` / `{ }` flow collections together) before the file is refused without being parsed.
 * Nothing in a Parley file needs more than a few dozen levels (rules nest at most
 * `MAX_RULE_DEPTH` = 32); the yaml library, given a file nested a few thousand levels deep,
 * can exhaust the memory of its regular expressions and kill the process (`FATAL ERROR:
 * RegExpCompiler Allocation failed`), which no `try` can catch.
 */
export const MAX_YAML_DEPTH = 256;

/** Where a YAML text first nests deeper than its limit: the 1-based line and column. */
export interface DepthExcess {
  readonly line: number;
  readonly col: number;
}

const isSpace = (char: string | undefined): boolean => char === ' ' || char === '\t' || char === '\r';
const isBreakOrEnd = (char: string | undefined): boolean => char === undefined || char === '\n';
const endsToken = (char: string | undefined): boolean => isSpace(char) || isBreakOrEnd(char);

/**
 * The first place where `text` nests deeper than `limit` levels, or undefined when it does
 * not. One pass over the text with a stack of indentation columns and a count of open flow
 * collections; no regular expressions. It over-counts rather than under-counts where YAML is
 * ambiguous without a full parse (the continuation lines of a plain scalar count as a
 * level), which is harmless at a limit far above what any real file uses. Quoted scalars,
 * comments and the content of block scalars (`|`, `>`) are skipped, so brackets inside text
 * do not count.
 *
 * @example
 * ```ts
 * yamlDepthExcess('a:\n  b:\n    c: 1\n', 2); // { line: 3, col: 5 }
 * yamlDepthExcess('a: [1, [2]]\n', 256);     // undefined
 * ```
 */
export function yamlDepthExcess(text: string, limit = MAX_YAML_DEPTH): DepthExcess | undefined {
  const columns: number[] = [];
  let flow = 0;
  let pos = 0;
  let line = 1;
  let lineStart = 0;
  let excess: DepthExcess | undefined;
  const check = (at: number): boolean => {
    if (excess === undefined && columns.length + flow > limit) excess = { line, col: at - lineStart + 1 };
    return excess !== undefined;
  };
  const newline = (at: number): void => {
    line++;
    lineStart = at + 1;
  };

  /** Skips a quoted scalar starting at `pos` (on its quote), across lines; returns the position after it. */
  const skipQuoted = (from: number): number => {
    const quote = text[from]!;
    let at = from + 1;
    while (at < text.length) {
      const char = text[at]!;
      if (char === '\n') newline(at);
      else if (quote === '"' && char === '\\') {
        if (text[at + 1] === '\n') newline(at + 1);
        at++;
      } else if (char === quote) {
        if (quote === "'" && text[at + 1] === "'") at++;
        else return at + 1;
      }
      at++;
    }
    return at;
  };

  /** Scans flow collections from `from` (on an opening bracket) until they all close; returns the position after. */
  const skipFlow = (from: number): number => {
    let at = from;
    let atStart = true;
    while (at < text.length) {
      const char = text[at]!;
      if (char === '\n') {
        newline(at);
        at++;
        continue;
      }
      if (isSpace(char)) {
        at++;
        continue;
      }
      if (char === '#' && (at === 0 || endsToken(text[at - 1]))) {
        while (at < text.length && text[at] !== '\n') at++;
        continue;
      }
      if (char === '[' || char === '{') {
        flow++;
        if (check(at)) return text.length;
        atStart = true;
      } else if (char === ']' || char === '}') {
        flow = Math.max(0, flow - 1);
        atStart = false;
        if (flow === 0) return at + 1;
      } else if (char === ',') {
        atStart = true;
      } else if (char === ':' || char === '?') {
        atStart = true;
      } else if ((char === '"' || char === "'") && atStart) {
        at = skipQuoted(at);
        atStart = false;
        continue;
      } else {
        atStart = false;
      }
      at++;
    }
    return at;
  };

  while (pos < text.length && excess === undefined) {
    // One line of block context.
    let at = pos;
    while (text[at] === ' ') at++;
    const indent = at - pos;
    const first = text[at];
    if (isBreakOrEnd(first) || first === '#' || (first === '\r' && isBreakOrEnd(text[at + 1]))) {
      // Blank or comment line.
      while (at < text.length && text[at] !== '\n') at++;
      if (at < text.length) newline(at);
      pos = at + 1;
      continue;
    }
    while (columns.length > 0 && columns[columns.length - 1]! > indent) columns.pop();
    if (columns.length === 0 || columns[columns.length - 1]! < indent) {
      columns.push(indent);
      if (check(at)) break;
    }
    let owner = indent;
    let blockScalar = false;
    // The nodes of the line, left to right.
    while (at < text.length && text[at] !== '\n' && excess === undefined) {
      const char = text[at]!;
      if (isSpace(char)) {
        at++;
        continue;
      }
      if ((char === '-' || char === '?') && endsToken(text[at + 1])) {
        // A block sequence entry (or explicit key): what follows is one level deeper.
        owner = at - lineStart;
        at++;
        while (text[at] === ' ') at++;
        if (!isBreakOrEnd(text[at]) && text[at] !== '#') {
          columns.push(at - lineStart);
          if (check(at)) break;
        }
        continue;
      }
      if (char === '#' && (at === lineStart || endsToken(text[at - 1]))) {
        while (at < text.length && text[at] !== '\n') at++;
        break;
      }
      if (char === '[' || char === '{') {
        at = skipFlow(at);
        continue;
      }
      if (char === '"' || char === "'") {
        at = skipQuoted(at);
        continue;
      }
      if ((char === '|' || char === '>') && (at === lineStart || isSpace(text[at - 1]))) {
        blockScalar = true;
        while (at < text.length && text[at] !== '\n') at++;
        break;
      }
      if (char === '&' || char === '!' || char === '*') {
        // An anchor, a tag or an alias: up to the next space.
        while (at < text.length && !endsToken(text[at])) at++;
        continue;
      }
      // A plain scalar, a key or a value: up to `: ` (then a value follows), ` #` or the end of the line.
      owner = at - lineStart;
      while (at < text.length && text[at] !== '\n') {
        if (text[at] === ':' && endsToken(text[at + 1])) {
          at++;
          break;
        }
        if (text[at] === '#' && isSpace(text[at - 1])) break;
        at++;
      }
    }
    if (excess !== undefined) break;
    if (at < text.length) newline(at);
    pos = at + 1;
    if (blockScalar) {
      // The content of a block scalar: the lines indented more than its owner, and blank lines.
      let contentIndent = -1;
      while (pos < text.length) {
        let end = pos;
        while (text[end] === ' ') end++;
        const blank = isBreakOrEnd(text[end]) || (text[end] === '\r' && isBreakOrEnd(text[end + 1]));
        const lineIndent = end - pos;
        if (!blank) {
          if (contentIndent < 0) contentIndent = lineIndent > owner ? lineIndent : Number.POSITIVE_INFINITY;
          if (lineIndent < contentIndent) break;
        }
        while (end < text.length && text[end] !== '\n') end++;
        if (end < text.length) newline(end);
        pos = end + 1;
      }
    }
  }
  return excess;
}
