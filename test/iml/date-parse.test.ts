// The UTC fast path of parseDate must give exactly what dayjs' customParseFormat gives, on good and
// bad input alike: it replaces dayjs only for formats it handles, and only for speed.
import { dayjs } from '../../runtime/iml/functions/dayjs-setup';
import { utcParser } from '../../runtime/iml/functions/date-parse';
import { evaluate } from '../../runtime/iml';
import { seededRandom } from '../../sandbox/lib/random';

const FAST_FORMATS = [
  'YYYY-MM-DD HH:mm',
  'YYYY-MM-DDTHH:mm:ss.SSS',
  'YYYY-MM-DD HH:mm:ss.SS',
  'YYYY-MM-DD HH:mm:ss.S',
  'DD.MM.YYYY',
  'D.M.YYYY HH:mm:ssZ',
  'YYYY/MM/DD HH:mm:ssZ',
  'YYYY-MM-DD HH:mm ZZ',
  'MM/DD/YYYY',
  'YY-M-D H:m:s',
  'Y-MM-DD',
  'YYYYMMDDHHmmss',
  'YYYY-MM-DD z hh', // `z` is a literal for dayjs' parser
  'DD/MM/YYYY (HH:mm)',
];

const SLOW_FORMATS = [
  'h:mm A',
  'YYYY-MM-DD hh:mm a',
  'MMM D, YYYY',
  'MMMM',
  'Do',
  'Q',
  'w',
  '[T]HH',
  'L',
  'LT',
  'x',
  'X',
  '',
  'qqq',
];

const rnd = seededRandom(20261125);
const int = (n: number) => Math.floor(rnd() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Renders a random instant in `format` by hand, so the parser is not checked against its twin. */
function render(format: string): string {
  const v: Record<string, string> = {
    YYYY: pad(1900 + int(250), 4),
    YY: pad(int(100), 2),
    Y: String(int(3000)),
    MM: pad(1 + int(12), 2),
    M: String(1 + int(12)),
    DD: pad(1 + int(28), 2),
    D: String(1 + int(28)),
    HH: pad(int(24), 2),
    H: String(int(24)),
    hh: pad(1 + int(12), 2),
    mm: pad(int(60), 2),
    m: String(int(60)),
    ss: pad(int(60), 2),
    s: String(int(60)),
    SSS: pad(int(1000), 3),
    SS: pad(int(100), 2),
    S: String(int(10)),
    ZZ: pick(['+0100', '-0530', '+0000']),
    Z: pick(['+01:00', '-05:30', 'Z', '+00:00']),
  };
  return format.replace(/YYYY|YY|Y|MM|M|DD|D|HH|H|hh|mm|m|ss|s|SSS|SS|S|ZZ|Z/g, (t) => v[t]);
}

/** Good text, then text broken in the ways input breaks: cut, padded, letters for digits, overflow. */
function mutate(text: string): string {
  const at = int(text.length + 1);
  switch (int(7)) {
    case 0:
      return text.slice(0, at);
    case 1:
      return text.slice(0, at) + text.slice(at + 1);
    case 2:
      return `${text.slice(0, at)}${pick(['x', ' ', '-', '9', '99', ':', '+'])}${text.slice(at)}`;
    case 3:
      return text.replace(/\d/, pick(['a', '', '0']));
    case 4:
      return text.replace(/\d\d/, pick(['13', '32', '99', '00', '60', '24']));
    case 5:
      return ` ${text} `;
    default:
      return text;
  }
}

const same = (a: Date, b: Date) => String(a.getTime()) === String(b.getTime());

describe('UTC parse fast path', () => {
  test.each(FAST_FORMATS)(
    '"%s" parses exactly as dayjs.utc(text, format) on 400 good and broken inputs',
    (format) => {
      const parse = utcParser(format);
      expect(parse).toBeDefined();
      for (let i = 0; i < 400; i++) {
        const good = render(format);
        const text = i % 2 ? good : mutate(good);
        const expected = dayjs.utc(text, format).toDate();
        const actual = parse!(text);
        if (!same(actual, expected)) expect([text, actual.getTime()]).toEqual([text, expected.getTime()]);
      }
    },
  );

  test('formats it does not handle are left to dayjs', () => {
    for (const format of SLOW_FORMATS) expect([format, utcParser(format)]).toEqual([format, undefined]);
  });

  test('parseDate gives the same dates through the fast path and through dayjs', () => {
    const viaFast = evaluate("{{parseDate('28.12.2016 16:03:07+02:00', 'DD.MM.YYYY HH:mm:ssZ')}}", {});
    expect(viaFast).toEqual(new Date('2016-12-28T14:03:07.000Z'));
    const viaDayjs = evaluate("{{parseDate('Dec 28, 2016 4:03 PM', 'MMM D, YYYY h:mm A')}}", {});
    expect(viaDayjs).toEqual(new Date('2016-12-28T16:03:00.000Z'));
  });

  test('text that does not match is an invalid date, as in dayjs', () => {
    expect(utcParser('YYYY-MM-DD')!('not a date').getTime()).toBeNaN();
    expect(dayjs.utc('not a date', 'YYYY-MM-DD').toDate().getTime()).toBeNaN();
  });
});
