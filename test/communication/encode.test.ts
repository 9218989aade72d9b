/** URL joining and retargeting on hostile URLs (issue 16): linear, whatever the run of slashes. */
import { joinUrl, retarget, trimTrailingSlashes } from '../../runtime/communication/encode';

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
