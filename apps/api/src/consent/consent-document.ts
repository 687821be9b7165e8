/**
 * A scanned consent document: PDF, PNG or JPEG, at most CONSENT_DOCUMENT_MAX_BYTES. What the
 * client says (Content-Type) is only believed when the bytes say the same: each format's
 * signature at the start and its end marker at the end. Pure.
 */
import { createHash } from 'node:crypto';
import { CONSENT_DOCUMENT_MAX_BYTES, CONSENT_DOCUMENT_TYPES, type ConsentDocumentType } from '#contracts';

export type DocumentCheck = { ok: true; contentType: ConsentDocumentType; sha256: string } | { ok: false; reason: string };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const PNG_IEND = Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

/** The declared media type without parameters, if it is one we keep. */
export function declaredDocumentType(header: string | undefined): ConsentDocumentType | null {
  const type = (header ?? '').split(';')[0].trim().toLowerCase();
  return (CONSENT_DOCUMENT_TYPES as readonly string[]).includes(type) ? (type as ConsentDocumentType) : null;
}

/** Which of the kept formats the bytes are, by their signatures; null when none. */
export function sniffDocumentType(bytes: Buffer): ConsentDocumentType | null {
  if (bytes.length >= 16 && bytes.subarray(0, 8).equals(PNG_SIGNATURE) && bytes.subarray(12, 16).toString('latin1') === 'IHDR') {
    return bytes.subarray(bytes.length - 8).equals(PNG_IEND) ? 'image/png' : null;
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    // A JPEG ends with EOI (FF D9); scanners may pad after it.
    const tail = trimTrailing(bytes);
    return tail.length >= 4 && tail[tail.length - 2] === 0xff && tail[tail.length - 1] === 0xd9 ? 'image/jpeg' : null;
  }
  if (/^%PDF-[12]\.\d/.test(bytes.subarray(0, 8).toString('latin1'))) {
    return bytes.subarray(Math.max(0, bytes.length - 1024)).includes('%%EOF', 0, 'latin1') ? 'application/pdf' : null;
  }
  return null;
}

function trimTrailing(bytes: Buffer): Buffer {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x00 || bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d || bytes[end - 1] === 0x20)) end--;
  return bytes.subarray(0, end);
}

export function checkDocument(declared: ConsentDocumentType, bytes: Buffer): DocumentCheck {
  if (bytes.length === 0) return { ok: false, reason: 'The document is empty' };
  if (bytes.length > CONSENT_DOCUMENT_MAX_BYTES) return { ok: false, reason: 'The document is larger than 10 MB' };
  const actual = sniffDocumentType(bytes);
  if (!actual) return { ok: false, reason: 'The document is not a whole PDF, PNG or JPEG file' };
  if (actual !== declared) return { ok: false, reason: `The document is ${actual}, not ${declared} as sent` };
  return { ok: true, contentType: actual, sha256: createHash('sha256').update(bytes).digest('hex') };
}
