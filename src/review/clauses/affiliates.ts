// Affiliate licences: which side's affiliates a licence sentence involves.
//   licensor side: the grant is made BY the licensor and its affiliates (or on their behalf), or the
//                  licensed IP includes IP owned or controlled by the grantor's affiliates;
//   licensee side: the grant is made TO the licensee and its affiliates, the licensee may sublicense
//                  to its affiliates, or the licensee's affiliates may exercise the licensed rights.
// The sentence is split at the grant verb: the words before it name the grantor, the words after it
// (up to the licence noun) name the grantee. Pure string work, no state.

const AFF = String.raw`(?:affiliates?|subsidiar(?:y|ies)|affiliated\s+(?:compan(?:y|ies)|entit(?:y|ies)|persons?)|group\s+compan(?:y|ies))`;
const AFF_RE = new RegExp(String.raw`\b${AFF}\b`, 'i');
// Affiliates of someone ("its Affiliates", "Licensee's subsidiaries", "any Affiliate of"), not a party
// that happens to be called "Affiliate" (affiliate-programme agreements).
const OWNER = String.raw`(?:its|their|your|our|his|her|\w+['’]s|respective|any|all|each|such|other)`;
const AFF_REF = new RegExp(String.raw`\b${OWNER}\s+(?:[\w-]+\s+){0,2}?\(?${AFF}\b|\b${AFF}\s+of\b`, 'i');
const LICENCE = /\blicen[cs]e[sd]?\b|\bsub-?licen[cs]|\bright\s+to\s+(?:use|make|sell|reproduce|distribute|practi[cs]e|exploit)\b/i;
// "grants", "hereby grant", "agrees to grant", "shall grant", "granted by/to".
const GRANT = /\b(?:hereby\s+)?(?:grants?|agrees?\s+to\s+grant|(?:shall|will)\s+(?:hereby\s+)?grant|hereby\s+licen[cs]es)\b/i;
const NEGATED = /\b(?:shall|may|will|must)\s+not\s+(?:\w+\s+){0,3}(?:sub-?licen[cs]e|grant|assign|transfer)|\bno\s+(?:right|licen[cs]e)\b|\bnot\s+(?:be\s+)?(?:sub-?licensable|permitted\s+to\s+sub)/i;
const GRANTEE_END = /\b(?:an?|the)\s+(?:[\w-]+,?\s+){0,12}?(?:(?:sub-?)?licen[cs]es?|rights?)\b/i;
const LICENSOR_WORD = /\b(?:licen[cs]or|grantor|sub-?licensor)\b/i;

const SUBLICENSE_TO_AFF = new RegExp(String.raw`\bsub-?licen[cs]\w*\b[^.;]{0,120}\b(?:to|through|with)\s+(?:any\s+(?:of\s+)?|one\s+or\s+more\s+(?:of\s+)?|each\s+of\s+)?(?:its|their|\w+['’]s)\s+(?:own\s+)?(?:wholly[-\s]owned\s+)?${AFF}`, 'i');
const AFF_EXERCISE = new RegExp(String.raw`\b(?:(\w+)['’]s|its|their)\s+(?:respective\s+)?${AFF}\s*(?:\([^)]{0,40}\)\s*)?(?:may|shall\s+(?:be\s+entitled|have\s+the\s+right)|are\s+(?:entitled|permitted|authori[sz]ed)|to)\s+(?:to\s+)?(?:use|exercise|access|sell|distribute|make|practi[cs]e|receive|copy|reproduce|market)\b`, 'i');
const FOR_USE_BY = new RegExp(String.raw`\b(?:for\s+(?:the\s+)?use\s+(?:by|of)|on\s+behalf\s+of)\s+(?:the\s+)?(\w+)\s+(?:and|or)\s+(?:any\s+of\s+)?(?:its|their)\s+${AFF}`, 'i');
const OWNED_BY_AFF = new RegExp(String.raw`\b(?:owned|controlled|held|licensable|licensed|developed)\s+(?:(?:or|and|and/or)\s+(?:owned|controlled|held|licensable|licensed)\s+)?by\s+(?:the\s+)?(\w+)\s*(?:\([^)]{0,40}\)\s*)?(?:(?:or|and|and/or)\s+(?:any\s+of\s+)?(?:its|their)\s+${AFF}|['’]s\s+${AFF})`, 'i');
const CAUSE_AFF_GRANT = new RegExp(String.raw`\b(?:cause|procure\s+that|procure)\s+(?:each\s+of\s+|any\s+of\s+)?(?:its|their|your|our)\s+${AFF}\s+(?:to\s+)?(?:grant|licen[cs]e|make\s+available)|\bobtain\s+from\s+(?:each\s+of\s+|any\s+of\s+)?(?:its|their|your|our)\s+${AFF}`, 'i');
const ON_BEHALF_GRANTOR = new RegExp(String.raw`\bon\s+behalf\s+of\s+(?:itself\s+and\s+)?(?:each\s+of\s+)?(?:its|their)\s+${AFF}`, 'i');
const GRANTED_BY_AFF = new RegExp(String.raw`\bgranted\s+by\s+[^.;]{0,60}\b${AFF}`, 'i');

export interface AffiliateDirection {
  licensor: boolean;
  licensee: boolean;
}

/** The last capitalised word before the grant verb: "Microgenics hereby grants" -> Microgenics. */
function grantorName(before: string): string | undefined {
  const words = before.match(/\b[A-Z][\w-]*\b/g);
  return words?.[words.length - 1];
}

export function affiliateDirection(text: string): AffiliateDirection {
  const out: AffiliateDirection = { licensor: false, licensee: false };
  if (!AFF_REF.test(text) || !LICENCE.test(text)) return out;
  if (SUBLICENSE_TO_AFF.test(text) && !NEGATED.test(text)) out.licensee = true;
  const ex = AFF_EXERCISE.exec(text);
  if (ex && !NEGATED.test(text)) {
    if (ex[1] && LICENSOR_WORD.test(ex[1])) out.licensor = true;
    else out.licensee = true;
  }
  const forUse = FOR_USE_BY.exec(text);
  if (forUse && !/^on\s+behalf/i.test(forUse[0]) && !LICENSOR_WORD.test(forUse[1]!)) out.licensee = true;
  if (CAUSE_AFF_GRANT.test(text) || GRANTED_BY_AFF.test(text)) out.licensor = true;

  const g = GRANT.exec(text);
  if (g) {
    // Grantor: the clause before the verb (from the last ";" or sentence start).
    const before = text.slice(0, g.index);
    const grantor = before.slice(Math.max(before.lastIndexOf(';'), before.lastIndexOf(':')) + 1);
    const after = text.slice(g.index + g[0].length);
    const end = GRANTEE_END.exec(after);
    // Parentheticals where the grantor undertakes to obtain its affiliates' rights belong to the grantor.
    const grantee = after.slice(0, end ? end.index : 160).replace(/\([^)]*\b(?:obtain|cause|procure|on\s+behalf)\b[^)]*\)/gi, ' ');
    const negated = NEGATED.test(text.slice(Math.max(0, g.index - 40), g.index + g[0].length));
    if (!negated) {
      if (AFF_REF.test(grantor) || ON_BEHALF_GRANTOR.test(grantor)) out.licensor = true;
      if (AFF_REF.test(grantee)) out.licensee = true;
      // The licensed IP includes IP of the grantor's affiliates.
      const owned = OWNED_BY_AFF.exec(after);
      if (owned) {
        const who = owned[1]!;
        const name = grantorName(grantor);
        if (LICENSOR_WORD.test(who) || (name && who.toLowerCase() === name.toLowerCase()) || /^(?:it|them|such)$/i.test(who)) out.licensor = true;
      }
      if (/\b(?:licen[cs]or|grantor)['’]?s?\s+(?:and|or)\s+(?:its|their)\s+/i.test(after) && AFF_RE.test(after)) {
        const m = new RegExp(String.raw`\b(?:licen[cs]or|grantor)['’]?s?\s+(?:and|or)\s+(?:its|their)\s+${AFF}`, 'i').exec(after);
        if (m) out.licensor = true;
      }
    }
  }
  return out;
}
