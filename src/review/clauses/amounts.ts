// Money and multiples of fees, as liability caps are written: "$1,000,000", "US$ 5 million",
// "the fees paid in the twelve (12) months preceding the claim", "two times the annual fees".
import type { Amount } from './model.js';
import { NUMBER_WORDS, wordsToNumber } from './numbers.js';

const CURRENCY: Record<string, string> = { $: 'USD', us$: 'USD', usd: 'USD', 'u.s.$': 'USD', '€': 'EUR', eur: 'EUR', '£': 'GBP', gbp: 'GBP', rmb: 'CNY', cad: 'CAD', 'c$': 'CAD' };
const MONEY = /(US\$|U\.S\.\s?\$|C\$|\$|€|£|\b(?:USD|EUR|GBP|RMB|CAD)\s?)\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?(?:\s*(million|billion|thousand|m\b|k\b))?/i;
const MONEY_WORDS = /\b(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*(million|billion|thousand)?\s*(?:U\.S\.\s|US\s|United States\s)?(dollars|euros|pounds)\b/i;
const MULTIPLE = new RegExp(`\\b(?:(${NUMBER_WORDS}|\\d+(?:\\.\\d+)?)\\s*(?:\\(\\s*\\d+(?:\\.\\d+)?\\s*\\)\\s*)?(?:times|x)\\b|(twice|double|triple|one-and-a-half))`, 'i');
const MONTHS_OF_FEES = new RegExp(`\\b(${NUMBER_WORDS}|\\d+)\\s*(?:\\(\\s*(\\d+)\\s*\\)\\s*)?months?['’]?\\s+(?:of\\s+)?(?:the\\s+)?(?:fees|charges|payments|amounts)`, 'i');
const FEES_BASE = /\b(?:(?:total\s+|aggregate\s+)?(?:fees|amounts?|charges|sums|compensation|consideration|price)\s+(?:actually\s+)?(?:paid|payable|received|due|pays)[^.;]{0,140}?(?:months?|year|period|agreement|order|claim|event|hereunder)\b|(?:total\s+|aggregate\s+)?(?:value|amount)\s+of\s+the\s+(?:work\s+order|purchase\s+order|statement\s+of\s+work|contract|agreement|order)\b)/i;

const SCALE: Record<string, number> = { thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, billion: 1e9 };

export function findAmount(text: string): Amount | undefined {
  const money = MONEY.exec(text);
  if (money) {
    const cur = CURRENCY[money[1]!.trim().toLowerCase().replace(/\s/g, '')] ?? 'USD';
    let value = Number(money[2]!.replace(/,/g, '') + (money[3] ? `.${money[3]}` : ''));
    if (money[4]) value *= SCALE[money[4].toLowerCase()] ?? 1;
    return { currency: cur, value, text: money[0].trim() };
  }
  const words = MONEY_WORDS.exec(text);
  if (words) {
    let value = Number(words[1]!.replace(/,/g, ''));
    if (words[2]) value *= SCALE[words[2].toLowerCase()] ?? 1;
    const currency = /euro/i.test(words[3]!) ? 'EUR' : /pound/i.test(words[3]!) ? 'GBP' : 'USD';
    return { currency, value, text: words[0].trim() };
  }
  const months = MONTHS_OF_FEES.exec(text);
  if (months) {
    const n = months[2] ? Number(months[2]) : /^\d+$/.test(months[1]!) ? Number(months[1]) : wordsToNumber(months[1]!);
    return { multiple: 1, of: `fees for ${n ?? months[1]} months`, text: months[0].trim() };
  }
  const base = FEES_BASE.exec(text);
  if (base) {
    const before = text.slice(Math.max(0, base.index - 60), base.index);
    const all = [...before.matchAll(new RegExp(MULTIPLE.source, 'gi'))];
    const mult = all[all.length - 1];
    let multiple = 1;
    if (mult) {
      if (mult[2]) multiple = { twice: 2, double: 2, triple: 3, 'one-and-a-half': 1.5 }[mult[2].toLowerCase()] ?? 1;
      else multiple = /^\d/.test(mult[1]!) ? Number(mult[1]) : (wordsToNumber(mult[1]!) ?? 1);
    }
    return { multiple, of: base[0].replace(/\s+/g, ' ').trim(), text: (mult ? mult[0] + ' ' : '') + base[0].replace(/\s+/g, ' ').trim() };
  }
  return undefined;
}
