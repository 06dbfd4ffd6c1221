import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findDurations, pickDuration } from '../../../src/review/clauses/durations.js';
import { findDates, addToDate } from '../../../src/review/clauses/date-values.js';
import { findAmount } from '../../../src/review/clauses/amounts.js';
import { jurisdictionMatcher } from '../../../src/review/clauses/governing-law.js';
import { taxonomy } from '../../../src/review/clauses/index.js';

test('durations as contracts write them', () => {
  const one = (t: string) => {
    const d = findDurations(t)[0];
    return d && [d.value, d.unit, d.days];
  };
  assert.deepEqual(one('upon thirty (30) days prior written notice'), [30, 'day', 30]);
  assert.deepEqual(one('for a period of one (1) year'), [1, 'year', 365]);
  assert.deepEqual(one('successive one (I) year terms'), [1, 'year', 365]);
  assert.deepEqual(one('at least one hundred eighty (180) days'), [180, 'day', 180]);
  assert.deepEqual(one('for additional 1-year terms'), [1, 'year', 365]);
  assert.deepEqual(one('for an additional month of service'), [1, 'month', 30]);
  assert.deepEqual(one('within ten business days'), [10, 'business_day', 14]);
  assert.deepEqual(one('twenty-four (24) months'), [24, 'month', 720]);
  assert.equal(findDurations('in 2008 days').length, 0);
  // The notice period, not the renewal length, when asked for the one near "notice".
  const s = 'This Agreement shall automatically renew for successive one (1) year terms unless either party gives notice at least sixty (60) days prior to the end of the term.';
  assert.equal(pickDuration(s, /notice|prior/)?.days, 60);
  assert.equal(pickDuration(s, /renew|successive/)?.days, 365);
});

test('dates normalized to ISO', () => {
  const iso = (t: string) => findDates(t).map((d) => d.iso);
  assert.deepEqual(iso('entered into and effective as of January 15, 2008, (the "Effective Date")'), ['2008-01-15']);
  assert.deepEqual(iso('is made as of the 1st day of January, 1996 by and between'), ['1996-01-01']);
  assert.deepEqual(iso('dated 13 October 2005'), ['2005-10-13']);
  assert.deepEqual(iso('Effective Date on June 1s t 2020 and expiring May 31st 2021'), ['2020-06-01', '2021-05-31']);
  assert.deepEqual(iso('signed 1/15/08'), ['2008-01-15']);
  assert.deepEqual(iso('as of March __, 1999'), ['1999-03']);
  assert.equal(addToDate('2008-01-15', 5, 'year'), '2013-01-15');
  assert.equal(addToDate('2020-06-01', 12, 'month'), '2021-06-01');
});

test('liability cap amounts and multiples of fees', () => {
  assert.deepEqual(findAmount('shall not exceed $1,000,000 in the aggregate'), { currency: 'USD', value: 1_000_000, text: '$1,000,000' });
  assert.equal(findAmount('SHALL NOT EXCEED FIFTEEN MILLION DOLLARS')?.value, undefined); // words only: not guessed
  assert.equal(findAmount('limited to US$ 5 million')?.value, 5_000_000);
  assert.equal(findAmount('limited to 250,000 dollars')?.value, 250_000);
  const months = findAmount('liability is limited to twelve (12) months of fees paid hereunder');
  assert.equal(months?.multiple, 1);
  assert.equal(months?.of, 'fees for 12 months');
  const times = findAmount('shall not exceed two times the fees paid under this Agreement in the twelve months preceding the claim');
  assert.equal(times?.multiple, 2);
  assert.match(times!.of!, /fees paid/);
  const order = findAmount("EACH PARTY'S ENTIRE LIABILITY WILL IN NO EVENT EXCEED THREE TIMES (3X) THE TOTAL VALUE OF THE WORK ORDER UNDER WHICH THE CLAIM AROSE.");
  assert.equal(order?.multiple, 3);
  assert.match(order!.of!, /value of the work order/i);
  const paid = findAmount('shall be limited to the amounts paid or payable by the Reseller to Todos during the twelve-month period preceding the claim');
  assert.equal(paid?.multiple, 1);
});

test('governing-law jurisdictions, with OCR noise', () => {
  const m = jurisdictionMatcher(taxonomy.jurisdictions);
  const j = (t: string) => m.find(t)?.name;
  assert.equal(j('This Agreement shall be governed by the laws of the State of New York without regard to conflicts of law.'), 'New York');
  assert.equal(j('THIS AGREEMENT SHALL BE GOVERNED BY AND CONSTRUED IN ACCORDANCE WITH THE LAWS OF THE SIATE OF TEXAS.'), 'Texas');
  assert.equal(j('governed by the laws of the State of Califomia'), 'California');
  assert.equal(j('governed by the laws of England and Wales'), 'England and Wales');
  assert.equal(j("governed by the laws of the People's Republic of China"), 'China');
  assert.equal(j('governed by the laws of the Province of Ontario and the federal laws of Canada applicable therein'), 'Ontario');
  assert.equal(j('This Agreement is governed by Delaware law.'), 'Delaware');
  assert.equal(j('governed by the laws of West Virginia'), 'West Virginia');
  assert.equal(j('governed by the laws of Spain'), 'Spain');
});
