import { normalizePhone, parseContact } from './contact';

describe('a way to reach someone', () => {
  it('reads Norwegian 8-digit numbers as +47, and E.164 as it is, whatever the spacing', () => {
    expect(normalizePhone('91234567')).toBe('+4791234567');
    expect(normalizePhone(' 912 34 567 ')).toBe('+4791234567');
    expect(normalizePhone('412-34-567')).toBe('+4741234567');
    expect(normalizePhone('+47 912 34 567')).toBe('+4791234567');
    expect(normalizePhone('0047 91234567')).toBe('+4791234567');
    expect(normalizePhone('+46 (70) 123 45 67')).toBe('+46701234567');
  });

  it('refuses what is not a phone number', () => {
    for (const bad of ['', '1234', '1234567', '123456789', '+0123456789', '+4712345678901234', 'ring meg', '+47 9123 456a', '9123456７'])
      expect({ bad, phone: normalizePhone(bad) }).toEqual({ bad, phone: null });
  });

  it('tells an e-mail from a phone in one field, and neither from both', () => {
    expect(parseContact('Lise.Berg@Example.org ')).toEqual({ email: 'lise.berg@example.org' });
    expect(parseContact('412 34 567')).toEqual({ phone: '+4741234567' });
    expect(parseContact('lise@')).toBeNull();
    expect(parseContact('12')).toBeNull();
    expect(parseContact('   ')).toBeNull();
  });
});
