/** The hooks' public URL loses its trailing slashes in linear time (issue 16: `/\/+$/` was quadratic). */
import { checkPublicUrl } from '../../../runtime/scenario/hooks/manage';

test('a public URL with a long run of slashes inside its path is read at once', () => {
  const slashes = '/'.repeat(300_000);
  expect(checkPublicUrl(`https://hooks.example.com/in${slashes}`)).toBe('https://hooks.example.com/in');
  expect(checkPublicUrl(`https://hooks.example.com/a${slashes}b/`)).toBe(
    `https://hooks.example.com/a${slashes}b`,
  );
});
