// The filter operators the scenario runner supports (runtime/scenario/operators.ts); a server test
// checks this list against the runner's, so the two cannot drift apart.
const COMPARISONS = ['equal', 'notequal', 'greater', 'less', 'greaterorequal', 'lessorequal'];
const TEXT = [
  'equal',
  'notequal',
  'contain',
  'notcontain',
  'startwith',
  'notstartwith',
  'endwith',
  'notendwith',
  'pattern',
  'notpattern',
];

export const OPERATOR_GROUPS = [
  { label: 'Basic', operators: ['exist', 'notexist'] },
  { label: 'Text', operators: TEXT.map((o) => `text:${o}`) },
  { label: 'Text (case insensitive)', operators: TEXT.map((o) => `text:${o}:ci`) },
  { label: 'Number', operators: COMPARISONS.map((o) => `number:${o}`) },
  { label: 'Date', operators: COMPARISONS.map((o) => `date:${o}`) },
  { label: 'Time', operators: COMPARISONS.map((o) => `time:${o}`) },
  { label: 'Semver', operators: COMPARISONS.map((o) => `semver:${o}`) },
  { label: 'Boolean', operators: ['boolean:equal', 'boolean:notequal'] },
  {
    label: 'Array',
    operators: [
      'array:contain',
      'array:notcontain',
      'array:contain:ci',
      'array:notcontain:ci',
      ...COMPARISONS.map((o) => `array:${o}`),
    ],
  },
];

export const UNARY = new Set(['exist', 'notexist']);

const WORDS = {
  exist: 'exists',
  notexist: 'does not exist',
  equal: 'equal to',
  notequal: 'not equal to',
  contain: 'contains',
  notcontain: 'does not contain',
  startwith: 'starts with',
  notstartwith: 'does not start with',
  endwith: 'ends with',
  notendwith: 'does not end with',
  pattern: 'matches pattern',
  notpattern: 'does not match pattern',
  greater: 'greater than',
  less: 'less than',
  greaterorequal: 'greater than or equal to',
  lessorequal: 'less than or equal to',
};

/** "text:contain:ci" → "contains (case insensitive)" */
export function operatorLabel(op) {
  const [family, name = family, ci] = op.split(':');
  const word = WORDS[name] || name;
  if (
    family === 'array' &&
    ['equal', 'notequal', 'greater', 'less', 'greaterorequal', 'lessorequal'].includes(name)
  )
    return `length ${word}`;
  return ci ? `${word} (case insensitive)` : word;
}
