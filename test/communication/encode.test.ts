/** URL joining and retargeting on hostile URLs (issue 16): linear, whatever the run of slashes. */
import { BundleValidationError } from '../../runtime/errors';
import {
  encodeHeaders,
  encodeUrl,
  joinUrl,
  retarget,
  trimTrailingSlashes,
} from '../../runtime/communication/encode';

const slashes = '/'.repeat(300_000);

test('trailing slashes go in linear time; a long run that does not end the text stays', () => {
  expect(trimTrailingSlashes(`http://h/a${slashes}`)).toBe('http://h/a');
  expect(trimTrailingSlashes(`x${slashes}!`)).toBe(`x${slashes}!`);
  expect(trimTrailingSlashes('///')).toBe('');
});

test('joinUrl and retarget keep one slash between base and path', () => {
  expect(joinUrl(`https://api.example.com/v1${slashes}`, '//customers')).toBe(
    'https://api.example.com/v1/customers',
  );
  expect(joinUrl(`https://api.example.com/v1${slashes}x`, 'c')).toBe(
    `https://api.example.com/v1${slashes}x/c`,
  );
  expect(
    retarget('https://api.example.com/v1/c', 'https://api.example.com', `http://127.0.0.1:9/p${slashes}`),
  ).toBe('http://127.0.0.1:9/p/v1/c');
});

test('encodeUrl leaves a URL with nothing to encode as it is and encodes the rest', () => {
  expect(encodeUrl("https://h/a-b_c.d~e/f?g=h&i=[j]@k!$'()*+,;=#x")).toBe(
    "https://h/a-b_c.d~e/f?g=h&i=[j]@k!$'()*+,;=#x",
  );
  expect(encodeUrl('https://h/%41%zz a"é')).toBe('https://h/%41%25zz%20a%22%C3%A9');
  expect(encodeUrl('https://h/100%')).toBe('https://h/100%25');
});

test('header names are checked and cased once each: a bad name is refused every time', () => {
  for (let round = 0; round < 2; round++) {
    expect(encodeHeaders({ 'x-api-KEY': 'k', accept: ['a', 'b'], n: 1 })).toEqual({
      'X-Api-Key': 'k',
      Accept: 'a, b',
      N: '1',
    });
    expect(() => encodeHeaders({ 'authorization ': 'x' })).toThrow(BundleValidationError);
    expect(() => encodeHeaders({ 'X-Ok': 'line\nbreak' })).toThrow(BundleValidationError);
  }
});

test('a long header name is cased like any other (it is not kept in the name cache)', () => {
  const long = `x-${'a'.repeat(300)}`;
  for (let round = 0; round < 2; round++)
    expect(encodeHeaders({ [long]: 'v' })).toEqual({ [`X-A${'a'.repeat(299)}`]: 'v' });
});
