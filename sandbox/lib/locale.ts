/** ISO 4217 currencies, ISO 3166 country names and currency signs, from Node's built-in ICU data. */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
const REGIONS = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

export function isCurrency(code: unknown): code is string {
  return typeof code === 'string' && CURRENCIES.has(code);
}

const SIGNS = new Map<string, string>();

/** The narrow symbol of a currency (€, $, ¥, zł …), cached: building a NumberFormat is slow. */
export function currencySign(code: string): string {
  const known = SIGNS.get(code);
  if (known !== undefined) return known;
  const parts = new Intl.NumberFormat('en', {
    style: 'currency',
    currency: code,
    currencyDisplay: 'narrowSymbol',
  }).formatToParts(1);
  const sign = parts.find((p) => p.type === 'currency')?.value ?? code;
  SIGNS.set(code, sign);
  return sign;
}

const COUNTRY_NAMES = new Map<string, string | undefined>();

/** Full English name of an ISO 3166-1 alpha-2 code, or undefined when the code is not a country (cached). */
export function countryName(code: string): string | undefined {
  if (COUNTRY_NAMES.has(code)) return COUNTRY_NAMES.get(code);
  let name: string | undefined;
  if (/^[A-Z]{2}$/.test(code)) {
    const found = REGIONS.of(code);
    name = found && found !== code && found !== 'Unknown Region' ? found : undefined;
  }
  if (COUNTRY_NAMES.size < 1000) COUNTRY_NAMES.set(code, name);
  return name;
}

const US_STATES: Record<string, string> = {
  AL: 'Alabama',
  AK: 'Alaska',
  AZ: 'Arizona',
  AR: 'Arkansas',
  CA: 'California',
  CO: 'Colorado',
  CT: 'Connecticut',
  DE: 'Delaware',
  FL: 'Florida',
  GA: 'Georgia',
  HI: 'Hawaii',
  ID: 'Idaho',
  IL: 'Illinois',
  IN: 'Indiana',
  IA: 'Iowa',
  KS: 'Kansas',
  KY: 'Kentucky',
  LA: 'Louisiana',
  ME: 'Maine',
  MD: 'Maryland',
  MA: 'Massachusetts',
  MI: 'Michigan',
  MN: 'Minnesota',
  MS: 'Mississippi',
  MO: 'Missouri',
  MT: 'Montana',
  NE: 'Nebraska',
  NV: 'Nevada',
  NH: 'New Hampshire',
  NJ: 'New Jersey',
  NM: 'New Mexico',
  NY: 'New York',
  NC: 'North Carolina',
  ND: 'North Dakota',
  OH: 'Ohio',
  OK: 'Oklahoma',
  OR: 'Oregon',
  PA: 'Pennsylvania',
  RI: 'Rhode Island',
  SC: 'South Carolina',
  SD: 'South Dakota',
  TN: 'Tennessee',
  TX: 'Texas',
  UT: 'Utah',
  VT: 'Vermont',
  VA: 'Virginia',
  WA: 'Washington',
  WV: 'West Virginia',
  WI: 'Wisconsin',
  WY: 'Wyoming',
  DC: 'District of Columbia',
};

/** Full state name for a US state code (`CA` or `US-CA`); null elsewhere, as ChartMogul's address block shows. */
export function stateName(country: string | null, state: string | null): string | null {
  if (country !== 'US' || !state) return null;
  return US_STATES[state.replace(/^US-/, '')] ?? null;
}
