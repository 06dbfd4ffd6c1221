// Date and term values on phrasings written for these tests (none copied from the CUAD sample):
// the agreement date, the effective date, the expiration date (stated, computed, perpetual), and
// the renewal and notice lengths told apart in one sentence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readPlainText } from '../../../src/review/document/text.js';
import { buildContext } from '../../../src/review/clauses/context.js';
import { findAgreementDate, effectiveDateValues, expiryCandidate, pickExpiration } from '../../../src/review/clauses/dates.js';
import { addToDate, endOfMonth, findDates, ordinalNumber } from '../../../src/review/clauses/date-values.js';
import { durationRole, findDurations, pickNoticeDuration, pickRenewalDuration } from '../../../src/review/clauses/durations.js';

const ctxOf = (text: string) => buildContext(readPlainText(text));
const agreementDate = (text: string) => findAgreementDate(ctxOf(text))?.date.iso;

test('letter-spaced ordinals and partial dates', () => {
  assert.deepEqual(findDates('signed on this 22n d day of July 2011').map((d) => d.iso), ['2011-07-22']);
  assert.deepEqual(findDates('made this 3r d day of May, 2004').map((d) => d.iso), ['2004-05-03']);
  assert.deepEqual(findDates('executed on the 14t h of March 2016').map((d) => d.iso), ['2016-03-14']);
  assert.deepEqual(findDates('valid until 30.06.2012').map((d) => d.iso), ['2012-06-30']);
  assert.deepEqual(findDates('signed 25/11/2014').map((d) => d.iso), ['2014-11-25']);
  assert.deepEqual(findDates('signed 11/12/2014').map((d) => d.iso), ['2014-11-12']);
  assert.equal(addToDate('2021', 3, 'year'), '2024');
  assert.equal(addToDate('2021-09', 18, 'month'), '2023-03');
  assert.equal(addToDate('2021', 90, 'day'), undefined);
  assert.equal(endOfMonth('2031-02-11'), '2031-02-28');
  assert.equal(ordinalNumber('seventh'), 7);
  assert.equal(ordinalNumber('4th'), 4);
});

test('agreement date: letter date lines, Dated lines and signature blocks', () => {
  // A letter agreement's date line, before a body that mentions other dates.
  assert.equal(
    agreementDate('SUPPLY LETTER AGREEMENT\n\nSeptember 3, 2012\n\nNorthwind Traders Ltd.\n\nDear Sirs:\n\nThis letter sets out our agreement. Section 1. Shipments received as of June 30, 2011 shall be credited.\n'),
    '2012-09-03',
  );
  // A definition of an earlier agreement is not this one's date.
  assert.equal(
    agreementDate('SERVICES AGREEMENT\n\n1. Definitions\n\n"Prior Agreement" means the agreement made between Alpha and Beta on 2 February 2001.\n\n"Services" means the services in Schedule 1.\n\nDATED 9 November 2009\n'),
    '2009-11-09',
  );
  // A recital about an earlier agreement is not this one's date either.
  assert.equal(
    agreementDate('LICENSE AGREEMENT\n\nThis License Agreement is entered into by and between Alpha Corp. and Beta LLC.\n\nWHEREAS, Alpha and Beta are parties to a supply agreement dated as of May 5, 2003;\n\nNOW, THEREFORE, the parties agree as follows:\n\n1. License. Alpha grants Beta a license.\n\nALPHA CORP. By: /s/ Jane Roe Title: President Date: 4/2/2015 BETA LLC By: /s/ John Doe Title: CEO Date: 4/9/2015\n'),
    '2015-04-09',
  );
  // Each party signs in its own paragraph: the later date.
  assert.equal(
    agreementDate('CONSULTING AGREEMENT\n\nThis Consulting Agreement is made by and between Delta Corp. and Jane Smith.\n\n1. Services. Consultant shall advise.\n\nIN WITNESS WHEREOF, the parties have executed this Agreement.\n\nDELTA CORP. By: /s/ R. Jones Title: CEO Date: October 3, 2017\n\nCONSULTANT By: /s/ Jane Smith Date: October 5, 2017\n'),
    '2017-10-05',
  );
  assert.equal(
    agreementDate('SERVICES AGREEMENT\n\nThis Services Agreement is made by and between Alpha Inc. and Beta Corp.\n\n1. Services. Alpha shall provide the services.\n\nIN WITNESS WHEREOF, the parties have executed this Agreement on the 5th day of May, 2004.\n\nALPHA INC. By: /s/ A. Person\n'),
    '2004-05-05',
  );
  // An amendment names the agreement it amends, with that agreement's date, before its own.
  assert.equal(agreementDate('FIRST AMENDMENT\n\nThis First Amendment to that certain Reseller Agreement, dated as of August 8, 2014, between Alpha Inc. and Beta Corp. is made effective as of January 12, 2016.\n'), '2016-01-12');
  assert.equal(agreementDate('RESELLER AGREEMENT dated as of 8 August 2014 between Alpha Inc. and Beta Corp.\n'), '2014-08-08');
  // A template: the title page's publication date is not the agreement's, left blank below.
  assert.equal(agreementDate('Model Operating Agreement\n\nMarch 2019\n\nOPERATING AGREEMENT\n\nDATED [__], 20[__]\n\nThe members agree as follows.\n'), undefined);
});

test('effective date: a defined start date, or the date the agreement defines as its Effective Date', () => {
  const ctx = ctxOf('HOSTING AGREEMENT\n\nThis Hosting Agreement is entered into by and between Alpha Corp. and Beta LLC.\n\n1. Definitions. "Go-Live Date" means 1 July 2017.\n\n2. Term. This Agreement shall commence on the Go-Live Date and continue for two years.\n\n3. The Effective Date of this Agreement shall be the date last signed below.\n\n4. Services shall start on the Effective Date.\n');
  const unit = (re: RegExp) => ctx.units.find((u) => re.test(u.text))!;
  assert.equal(effectiveDateValues(unit(/commence on the Go-Live Date/), undefined, ctx)?.date, '2017-07-01');
  const last = ctxOf('This Agreement becomes effective on the date it is signed by the last of the parties.');
  assert.equal(effectiveDateValues(last.units[0]!, findDates('July 9, 2019')[0], last)?.date, '2019-07-09');
  // The end of the term in the same sentence is not the start.
  const end = ctxOf('This Agreement shall take effect on the Effective Date and remain in force until June 30, 2015.');
  assert.equal(effectiveDateValues(end.units[0]!, undefined, end), undefined);
  const span = ctxOf('This Agreement is valid from 1 March 2011 to 28 February 2013.');
  assert.equal(effectiveDateValues(span.units[0]!, undefined, span)?.date, '2011-03-01');
  const signed = findDates('May 2, 2018')[0]!;
  assert.equal(effectiveDateValues(unit(/start on the Effective Date/), signed, ctx)?.date, '2018-05-02');
});

test('expiration: stated ends, anniversaries and lengths from the start of the term', () => {
  const at = (text: string, effective = '2016-04-11', agreement = effective) => expiryCandidate(text, { effective, agreement })?.values;
  assert.equal(at('The term of this Agreement begins on the Effective Date and runs through June 30, 2019.')?.date, '2019-06-30');
  // A start date is not an end date.
  assert.equal(at('This Agreement shall commence on March 1, 2016 and shall remain in force until February 28, 2018.')?.date, '2018-02-28');
  assert.equal(at('This Agreement shall remain in effect until the fourth anniversary of the Effective Date.')?.date, '2020-04-11');
  assert.equal(at('The initial term shall end on the 2nd anniversary of the date hereof.', '2016-05-01', '2016-04-11')?.date, '2018-04-11');
  assert.equal(at('The term of this Agreement shall be thirty-six (36) months commencing on the Effective Date.')?.date, '2019-04-11');
  assert.equal(at('This Agreement will continue in full force for a period of seven (7) years from the date of its execution.', '2016-05-01', '2016-04-11')?.date, '2023-04-11');
  assert.equal(at('This Agreement becomes effective on the Effective Date and shall continue for four years thereafter.')?.date, '2020-04-11');
  assert.equal(at('The Term ends on the last day of the month ten (10) years from the Effective Date.', '2016-04-11')?.date, '2026-04-30');
  assert.equal(at('Unless terminated earlier, this Agreement shall continue for an initial term of five (5) Contract Years.')?.date, '2021-04-11');
  assert.equal(at('This Agreement shall terminate on the earlier of (a) March 31, 2020 or (b) the date the Supplier stops making the Products.')?.date, '2020-03-31');
  // The sentence's own start date, not the preamble's.
  assert.equal(at('This Agreement shall commence on July 1, 2016 and shall continue for a period of three (3) years.')?.date, '2019-07-01');
  // A year-only start ("[____], 2021") moves by whole years.
  assert.equal(at('This Agreement shall continue in effect for three years from the date hereof.', '2021')?.date, '2024');
  // Notice and renewal lengths are not the term.
  const mixed = at('This Agreement shall automatically renew for successive one (1) year periods unless either party gives notice ninety (90) days prior to expiry; the initial term of this Agreement is two (2) years.');
  assert.equal(mixed?.date, '2018-04-11');
  assert.equal((mixed?.duration as { days: number }).days, 730);
  // With no start date to count from, the length still beats 'until terminated'.
  assert.equal(expiryCandidate('This Agreement shall continue for a term of five years until terminated as provided herein.', {})?.values.duration?.days, 1825);
  assert.deepEqual(at('This Agreement shall continue in force indefinitely unless terminated by either party.')?.flags, ['perpetual']);
});

test('expiration across sentences: a stated term beats a length measured from some event', () => {
  const ctx = ctxOf('DISTRIBUTION AGREEMENT\n\nThis Distribution Agreement is made as of October 2, 2013 by and between Alpha Corp. and Beta LLC.\n\n9. Term. This Agreement shall terminate automatically six months after the completion of any merger of Beta. This Agreement shall remain in effect until September 30, 2016.\n');
  const hits = ctx.units.filter((u) => /terminate automatically|remain in effect/.test(u.text));
  assert.equal(pickExpiration(hits, { effective: '2013-10-02', agreement: '2013-10-02', ctx })?.values.date, '2016-09-30');
  // A term that ends on an event, with no date or length: the agreement runs until then.
  const open = ctxOf('CO-OPERATION AGREEMENT\n\n5. Term. The term of this Agreement shall continue until the Licensee ceases to sell the Products in the Territory.\n');
  assert.deepEqual(pickExpiration(open.units.filter((u) => /continue until/.test(u.text)), { ctx: open })?.values.flags, ['perpetual']);
  const aslong = ctxOf('LICENSE AGREEMENT\n\n7. Term. This Agreement shall remain in effect for so long as the Licensee holds a valid permit.\n');
  assert.deepEqual(pickExpiration(aslong.units.filter((u) => /so long as/.test(u.text)), { ctx: aslong })?.values.flags, ['perpetual']);
});

test('renewal and notice lengths in one sentence', () => {
  const s = 'Unless either party gives written notice of non-renewal at least ninety (90) days before the end of the then-current term, this Agreement shall renew for additional periods of two (2) years each.';
  assert.equal(pickRenewalDuration(s)?.days, 730);
  assert.equal(pickNoticeDuration(s)?.days, 90);
  const t = 'The initial term is three (3) years, and the Agreement shall thereafter be extended for further terms of one (1) year unless notice is given not later than six (6) months prior to expiry.';
  assert.equal(pickRenewalDuration(t)?.days, 365);
  assert.equal(pickNoticeDuration(t)?.days, 180);
  assert.equal(pickRenewalDuration('Following the initial term, the Agreement will continue on a year-to-year basis.')?.days, 365);
  assert.equal(pickRenewalDuration('The license shall renew automatically on an annual basis.')?.days, 365);
  assert.equal(pickRenewalDuration('Thereafter this Agreement continues from month to month until cancelled.')?.days, 30);
  assert.equal(pickRenewalDuration('Either party may renew this Agreement for another year on the same terms.')?.days, 365);
  // A month-to-month budget is no renewal.
  assert.equal(pickRenewalDuration('The company shall deliver a budget prepared on a month-to-month basis.'), undefined);
  const both = 'Either party may terminate this Agreement for convenience upon ninety (90) days\' notice; otherwise it renews each year unless a party gives notice of non-renewal sixty (60) days before the anniversary.';
  assert.equal(pickNoticeDuration(both)?.days, 60);
  assert.equal(findDurations('in force for 3 (three) years')[0]?.days, 1095);
  const u = 'either party may cancel upon thirty (30) days\' prior written notice';
  assert.equal(durationRole(u, findDurations(u)[0]!), 'notice');
});

test('agreement date: "concluded at ... on", "signed ... on", and an order date in a key-terms line', () => {
  const date = (text: string) => findAgreementDate(buildContext(readPlainText(text)))?.date.iso;
  assert.equal(date('LICENCE AGREEMENT\n\nConcluded at Hamburg on 3 March 2011 between Nordlicht Optik GmbH ("Licensor") and Harbor Lens Inc. ("Licensee").'), '2011-03-03');
  assert.equal(date('SUPPLY CONTRACT\n\nThis Contract was signed by the Parties in Ningbo on 12 May 2016 in two originals.'), '2016-05-12');
  assert.equal(date('Order Form No. 88 | Order Date: 04/09/2022 | Customer: Alder Freight LLC'), '2022-04-09');
});
