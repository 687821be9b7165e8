import { methodLabel, statusClass } from './http-labels';
import { scrapeDecision } from './scrape-token';

describe('the metrics token', () => {
  const token = 'a-scrape-token-of-some-length';

  it.each([
    ['no token configured, no header', undefined, undefined, 'allowed'],
    ['no token configured, any header', undefined, 'Bearer whatever', 'allowed'],
    ['the right token', token, `Bearer ${token}`, 'allowed'],
    ['the right token, scheme in lower case', token, `bearer ${token}`, 'allowed'],
    ['no header', token, undefined, 'missing'],
    ['another scheme', token, `Basic ${token}`, 'missing'],
    ['a wrong token', token, 'Bearer wrong', 'invalid'],
    ['the token with more after it', token, `Bearer ${token}x`, 'invalid'],
  ])('%s', (_name, expected, header, decision) => {
    expect(scrapeDecision(expected, header)).toBe(decision);
  });
});

describe('HTTP metric labels', () => {
  it('keep the method to the known few and the status to its class', () => {
    expect([methodLabel('GET'), methodLabel('PATCH'), methodLabel('PROPFIND')]).toEqual(['GET', 'PATCH', 'OTHER']);
    expect([statusClass(200), statusClass(409), statusClass(503), statusClass(0)]).toEqual(['2xx', '4xx', '5xx', 'other']);
  });
});
