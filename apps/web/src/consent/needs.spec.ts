import type { ConsentView, MemberView, PlanView } from '#contracts';
import { translate } from './messages-i18n';
import { isMissing, needsOf, personReachOf } from './needs';

const member = (over: Partial<MemberView>): MemberView => ({
  id: 'm',
  accountId: null,
  name: 'N',
  email: null,
  phone: null,
  role: 'relative',
  service: null,
  organisation: null,
  contribution: '',
  status: 'active',
  hasConsent: false,
  fieldRevisions: {},
  ...over,
});

const plan = (members: MemberView[], consents: ConsentView[] | null): PlanView =>
  ({ status: 'draft', members, consents }) as unknown as PlanView;

describe('what a plan still needs of consent', () => {
  it('knows whether anyone who gives consent can log in', () => {
    expect(personReachOf([member({ role: 'person', accountId: 'a' })])).toBe('account');
    expect(personReachOf([member({ role: 'person', status: 'invited', email: 'x@example.org' })])).toBe('invited');
    expect(personReachOf([member({ role: 'person' }), member({ role: 'coordinator', accountId: 'k' })])).toBe('none');
    expect(personReachOf([member({ role: 'person' }), member({ role: 'guardian', accountId: 'g' })])).toBe('account');
  });

  it('counts active relatives and professionals without consent, and nothing for those who may not see consent', () => {
    const members = [
      member({ id: 'p', role: 'person' }),
      member({ id: 'r', role: 'relative' }),
      member({ id: 'q', role: 'professional', hasConsent: true }),
      member({ id: 'i', role: 'relative', status: 'invited' }),
    ];
    const needs = needsOf(plan(members, []));
    expect(needs).toEqual({ planConsent: false, waiting: 1, personReach: 'none' });
    expect(isMissing(needs)).toBe(true);
    expect(needsOf(plan(members, null))).toBeNull();
  });

  it('says counts right in both languages', () => {
    expect(translate('nb', 'needs.cardLink', { count: 1 })).toBe('Samtykke mangler: 1 person venter');
    expect(translate('nb', 'needs.cardLink', { count: 2 })).toBe('Samtykke mangler: 2 personer venter');
    expect(translate('nb', 'needs.cardLink', { count: 0 })).toBe('Samtykke mangler: til planen');
    expect(translate('en', 'needs.waiting', { count: 1 })).toBe('1 person is waiting for consent to see the plan.');
    expect(translate('en', 'needs.waiting', { count: 3 })).toBe('3 people are waiting for consent to see the plan.');
    expect(translate('nb', 'given.recorded', { form: 'oral', date: '2. des. 2026', name: 'Kari Nilsen' })).toBe(
      'Samtykke gitt muntlig 2. des. 2026, registrert av Kari Nilsen',
    );
  });
});
