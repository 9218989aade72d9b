/** The shared input checks: the email check accepts exactly what ChartMogul's pattern does, in linear time. */
import { isEmail } from '../../../sandbox/http/input';
import { seededRandom } from '../../../sandbox/lib/random';

// The pattern the check replaces (quadratic on long runs of dots); kept here as the specification.
const PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

it('agrees with the email pattern on 20,000 generated short strings', () => {
  const random = seededRandom(16);
  const alphabet = ['a', 'b', '.', '@', ' ', '\t', '-', 'é'];
  for (let i = 0; i < 20_000; i++) {
    const length = Math.floor(random() * 9);
    let text = '';
    for (let j = 0; j < length; j++) text += alphabet[Math.floor(random() * alphabet.length)];
    expect([text, isEmail(text)]).toEqual([text, PATTERN.test(text)]);
  }
});

it('decides on a million-character address', () => {
  expect(isEmail('a@' + '.'.repeat(1_000_000) + '@')).toBe(false);
  expect(isEmail('a@b' + '.'.repeat(1_000_000) + 'c')).toBe(true);
});
