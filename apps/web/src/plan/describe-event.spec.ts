import type { PlanEventView, PlanView } from '#contracts';
import { en } from '../i18n/en';
import { nb, type MessageKey } from '../i18n/nb';
import { createTranslator } from '../i18n/translate';
import { describeEvent } from './describe-event';

const format = createTranslator<MessageKey>({ nb, en });
const nbT = (key: MessageKey, vars?: Record<string, string | number>) => format('nb', key, vars);
const enT = (key: MessageKey, vars?: Record<string, string | number>) => format('en', key, vars);

const plan = {
  goals: [{ id: 'g1', title: 'Gå på butikken selv' }],
  tasks: [{ id: 't1', title: 'Gåtrening' }],
  meetings: [{ id: 'm1', title: 'Ansvarsgruppemøte' }],
  members: [],
} as unknown as PlanView;
const event = (entityType: string, action: string, entityId: string, patch: Record<string, unknown> = {}): PlanEventView =>
  ({
    planId: 'p',
    revision: 1,
    actor: { accountId: 'a', name: 'Kari' },
    entityType,
    entityId,
    action,
    patch,
    clientMutationId: null,
    at: '',
  }) as PlanEventView;

describe("the history's words", () => {
  it.each([
    [event('goal', 'restored', 'g1', { title: 'Gå på butikken selv' }), 'Kari hentet tilbake målet «Gå på butikken selv»'],
    [event('task', 'restored', 't1'), 'Kari hentet tilbake tiltaket «Gåtrening»'],
    [event('meeting', 'restored', 'm1', { title: 'Ansvarsgruppemøte' }), 'Kari hentet tilbake møtet «Ansvarsgruppemøte»'],
    [event('meeting', 'deleted', 'm1', { deleted: true }), 'Kari fjernet et møte'],
    [event('journal', 'deleted', 'j1', { deleted: true }), 'Kari fjernet et notat'],
    [event('journal', 'restored', 'j1'), 'Kari hentet tilbake et notat'],
    [event('comment', 'created', 'c1', { targetType: 'task', targetId: 't1', body: 'Hei' }), 'Kari kommenterte «Gåtrening»'],
    [event('comment', 'created', 'c2', { targetType: 'goal', targetId: 'gone' }), 'Kari skrev en kommentar'],
    [
      event('comment', 'restored', 'c1', { targetType: 'goal', targetId: 'g1' }),
      'Kari hentet tilbake en kommentar på «Gå på butikken selv»',
    ],
    [event('comment', 'deleted', 'c1', { deleted: true, targetType: 'task', targetId: 't1' }), 'Kari fjernet en kommentar'],
  ])('%# in bokmål', (ev, text) => expect(describeEvent(nbT, ev, plan)).toBe(text));

  it('in English too', () => {
    expect(describeEvent(enT, event('meeting', 'restored', 'm1'), plan)).toBe('Kari brought back the meeting “Ansvarsgruppemøte”');
    expect(describeEvent(enT, event('comment', 'created', 'c1', { targetType: 'task', targetId: 't1' }), plan)).toBe(
      'Kari commented on “Gåtrening”',
    );
  });
});
