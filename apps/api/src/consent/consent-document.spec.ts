import { CONSENT_DOCUMENT_MAX_BYTES } from '#contracts';
import { checkDocument, declaredDocumentType, sniffDocumentType } from './consent-document';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR', 'latin1'),
  Buffer.alloc(13),
  Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]),
]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 0xff, 0xd9]);

describe('consent documents', () => {
  it('knows PDF, PNG and JPEG by their bytes', () => {
    expect(sniffDocumentType(PDF)).toBe('application/pdf');
    expect(sniffDocumentType(PNG)).toBe('image/png');
    expect(sniffDocumentType(JPEG)).toBe('image/jpeg');
  });

  it('refuses a file cut short (no end marker) and anything else', () => {
    expect(sniffDocumentType(PDF.subarray(0, 20))).toBeNull();
    expect(sniffDocumentType(PNG.subarray(0, PNG.length - 4))).toBeNull();
    expect(sniffDocumentType(JPEG.subarray(0, JPEG.length - 1))).toBeNull();
    expect(sniffDocumentType(Buffer.from('GIF89a....', 'latin1'))).toBeNull();
    expect(sniffDocumentType(Buffer.from('<html>%PDF-1.4 %%EOF', 'latin1'))).toBeNull();
  });

  it('refuses a content type that lies about the bytes', () => {
    expect(checkDocument('image/png', PDF)).toEqual({ ok: false, reason: expect.stringContaining('not image/png') });
    expect(checkDocument('application/pdf', PDF)).toMatchObject({
      ok: true,
      contentType: 'application/pdf',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('refuses empty and too large documents', () => {
    expect(checkDocument('application/pdf', Buffer.alloc(0)).ok).toBe(false);
    const big = Buffer.concat([PDF, Buffer.alloc(CONSENT_DOCUMENT_MAX_BYTES)]);
    expect(checkDocument('application/pdf', big)).toEqual({ ok: false, reason: expect.stringContaining('10 MB') });
  });

  it('reads the declared type without parameters, and only the kept ones', () => {
    expect(declaredDocumentType('application/PDF; name=x.pdf')).toBe('application/pdf');
    expect(declaredDocumentType('image/gif')).toBeNull();
    expect(declaredDocumentType(undefined)).toBeNull();
  });
});
