import { describe, expect, it } from 'vitest';
import { MAX_RULE_DEPTH, ruleSchema, type Rule } from '@parley/core';
import { MAX_YAML_ALIASES } from '@parley/core/node';

// The input limits are public (issue 12), so that tools which generate scenario files can
// stay within them: the documented values, and the rule limit as the schema enforces it.

/** `depth` compound rules nested in one another: `not` around `not` … around a `require`. */
function nested(depth: number): Rule {
  let rule: Rule = { kind: 'require', issue: 'x', options: ['a'] };
  for (let level = 0; level < depth; level++) rule = { kind: 'not', rule };
  return rule;
}

describe('the input limits are exported', () => {
  it('MAX_RULE_DEPTH (@parley/core) is 32, and rules nested that deep are the deepest the schema takes', () => {
    expect(MAX_RULE_DEPTH).toBe(32);
    expect(ruleSchema.safeParse(nested(MAX_RULE_DEPTH)).success).toBe(true);
    expect(ruleSchema.safeParse(nested(MAX_RULE_DEPTH + 1)).success).toBe(false);
  });

  it('MAX_YAML_ALIASES (@parley/core/node) is 1000', () => {
    expect(MAX_YAML_ALIASES).toBe(1000);
  });
});
