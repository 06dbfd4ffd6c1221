// Numbers as contracts write them: "thirty (30)", "one hundred eighty (180)", "1", "one (I)" (OCR).
const UNITS: Record<string, number> = {
  zero: 0, a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fourty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

/** Regex source for a number written in words ("one hundred and eighty", "twenty-four"). */
const W = '(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)';
export const NUMBER_WORDS = `${W}(?:[\\s-]+(?:and\\s+)?${W}){0,4}\\b`;

/** "one hundred eighty" -> 180, "twenty-four" -> 24; undefined when a word is not a number. */
export function wordsToNumber(text: string): number | undefined {
  const words = text.toLowerCase().split(/[\s-]+/).filter((w) => w && w !== 'and');
  if (words.length === 0) return undefined;
  let total = 0;
  let current = 0;
  for (const w of words) {
    if (w === 'hundred') current = (current || 1) * 100;
    else if (w === 'thousand') {
      total += (current || 1) * 1000;
      current = 0;
    } else if (w in UNITS) current += UNITS[w]!;
    else return undefined;
  }
  return total + current;
}

/** A digit string as written, tolerating OCR's "I"/"l" for 1 and "O" for 0. */
export function digitsToNumber(text: string): number | undefined {
  const t = text.replace(/[Il]/g, '1').replace(/O/g, '0').replace(/,/g, '');
  return /^\d+(?:\.\d+)?$/.test(t) ? Number(t) : undefined;
}
