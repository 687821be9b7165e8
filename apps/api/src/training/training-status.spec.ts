import { courseState, trainingStatus } from './training-status';

const today = '2026-03-01';
const basic = { id: 'basic', title: 'Grunnkurs for koordinatorer' };
const app = { id: 'app', title: 'Slik bruker du Fellesplan' };

describe('training status', () => {
  it.each([
    ['missing', undefined],
    ['valid', { courseId: 'basic', completedOn: '2020-01-01', expiresOn: null }],
    ['expired', { courseId: 'basic', completedOn: '2023-01-01', expiresOn: '2026-02-28' }],
    ['expiring', { courseId: 'basic', completedOn: '2023-04-01', expiresOn: '2026-04-01' }],
    ['expiring', { courseId: 'basic', completedOn: '2023-03-01', expiresOn: '2026-03-01' }],
    ['valid', { courseId: 'basic', completedOn: '2025-01-01', expiresOn: '2027-01-01' }],
  ])('a course is %s', (state, completion) => {
    expect(courseState(completion, today)).toBe(state);
  });

  it('the worst required course decides, and missing or expired is flagged', () => {
    const expiring = { courseId: 'app', completedOn: '2024-04-01', expiresOn: '2026-04-01' };
    expect(trainingStatus([basic, app], [expiring], today)).toMatchObject({ state: 'missing', flagged: true });
    expect(
      trainingStatus([basic, app], [expiring, { courseId: 'basic', completedOn: '2020-01-01', expiresOn: null }], today),
    ).toMatchObject({
      state: 'expiring',
      flagged: false,
    });
    expect(trainingStatus([basic], [{ courseId: 'basic', completedOn: '2020-01-01', expiresOn: '2022-01-01' }], today)).toMatchObject({
      state: 'expired',
      flagged: true,
    });
  });

  it('with no required course, everyone is valid', () => {
    expect(trainingStatus([], [], today)).toEqual({ state: 'valid', flagged: false, courses: [] });
  });
});
