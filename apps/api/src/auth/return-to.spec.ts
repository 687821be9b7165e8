import { safeReturnTo } from './return-to';

describe('safeReturnTo', () => {
  it.each([
    [undefined, '/'],
    ['', '/'],
    ['/', '/'],
    ['/plans/7c9e6679-7425-40de-944b-e07fc1f90ae7?tab=goals#g1', '/plans/7c9e6679-7425-40de-944b-e07fc1f90ae7?tab=goals#g1'],
    ['/plans/../settings', '/settings'],
  ])('accepts the same-site path %p as %p', (value, expected) => {
    expect(safeReturnTo(value)).toBe(expected);
  });

  it.each([
    'https://evil.example/',
    'http:/evil.example',
    '//evil.example/path',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    'javascript:alert(1)',
    'plans/relative',
    `/${'a'.repeat(600)}`,
  ])('refuses %p', (value) => {
    expect(safeReturnTo(value)).toBeNull();
  });
});
