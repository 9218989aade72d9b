/** Every built-in of make-format.md §7.4 exists, and every built-in is exercised by some test table. */
import fs from 'node:fs';
import path from 'node:path';
import { functionNames } from '../../runtime/iml';

const SECTION_7_4 = [
  'get',
  'if',
  'ifempty',
  'switch',
  'omit',
  'pick',
  'ascii',
  'base64',
  'capitalize',
  'contains',
  'decodeURL',
  'encodeURL',
  'escapeHTML',
  'escapeMarkdown',
  'indexOf',
  'length',
  'lower',
  'md5',
  'mime',
  'replace',
  'replaceEmojiCharacters',
  'sha1',
  'sha256',
  'sha512',
  'split',
  'startcase',
  'stripHTML',
  'substring',
  'toBinary',
  'toString',
  'trim',
  'upper',
  'add',
  'deduplicate',
  'distinct',
  'first',
  'flatten',
  'join',
  'keys',
  'last',
  'map',
  'merge',
  'remove',
  'reverse',
  'shuffle',
  'slice',
  'sort',
  'toArray',
  'toCollection',
  'formatDate',
  'parseDate',
  'addDays',
  'addHours',
  'addMinutes',
  'addMonths',
  'addSeconds',
  'addYears',
  'setSecond',
  'setMinute',
  'setHour',
  'setDay',
  'setDate',
  'setMonth',
  'setYear',
  'abs',
  'average',
  'ceil',
  'floor',
  'formatNumber',
  'max',
  'median',
  'min',
  'parseNumber',
  'round',
  'stdevP',
  'stdevS',
  'sum',
  'trunc',
  'createJSON',
  'parseJSON',
];

test('every function of §7.4 is built in', () => {
  const names = new Set(functionNames());
  expect(SECTION_7_4.filter((n) => !names.has(n))).toEqual([]);
});

test('every built-in appears in a test table', () => {
  const sources = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.ts') && f !== 'coverage.test.ts' && f !== 'fuzz.test.ts')
    .map((f) => fs.readFileSync(path.join(__dirname, f), 'utf8'))
    .join('\n');
  const untested = functionNames().filter((n) => !new RegExp(`\\b${n}\\(`).test(sources));
  expect(untested).toEqual([]);
});
