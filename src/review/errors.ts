/**
 * A document the engine cannot work with. `message` is a sentence for the user who sent it
 * ("The PDF is encrypted; remove the password and submit it again."): it ends up verbatim as
 * a failed mission's reason, so it never carries paths, stack traces or library internals.
 */
export class DocumentError extends Error {
  constructor(message: string, readonly code: DocumentErrorCode = 'unreadable') {
    super(message);
    this.name = 'DocumentError';
  }
}

export type DocumentErrorCode =
  | 'unreadable'
  | 'unsupported'
  | 'encrypted'
  | 'too_large'
  | 'hostile'
  | 'empty';
