// Safe XML parsing for OOXML parts. OOXML never needs a DTD, so any DOCTYPE or ENTITY
// declaration is refused before the parser sees the text: nothing is ever expanded.
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import type { Document } from '@xmldom/xmldom';
import { DocumentError } from '../errors.js';

export type XmlDocument = Document;

const DTD = /<!\s*(DOCTYPE|ENTITY)/i;

/** Parse one part. `what` names it for the user ("the document body", "the styles"). */
export function parseXml(text: string, what = 'a part of the document'): Document {
  if (DTD.test(text)) {
    throw new DocumentError(`The document contains an XML DOCTYPE or entity declaration in ${what}, which Word never writes; it was refused as unsafe.`, 'hostile');
  }
  let failed = false;
  let doc: Document;
  try {
    doc = new DOMParser({
      onError: (level) => {
        if (level !== 'warning') failed = true;
        if (level === 'fatalError') throw new Error('xml');
      },
    }).parseFromString(text, 'text/xml');
  } catch {
    failed = true;
    doc = undefined as unknown as Document;
  }
  if (failed || !doc || !doc.documentElement) {
    throw new DocumentError(`The document is damaged: ${what} is not well-formed XML. Open and save it again in Word, then resubmit it.`, 'unreadable');
  }
  return doc;
}

const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';

/** Serialize a part back, with the XML declaration Word writes. */
export function serializeXml(doc: Document): string {
  let s = new XMLSerializer().serializeToString(doc);
  s = s.replace(/^<\?xml[^?]*\?>\s*/, '');
  return XML_DECL + s;
}

export function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** Characters XML 1.0 cannot carry at all; dropped from text we write. */
export function stripInvalidXmlChars(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}
