/**
 * One line of "who was invited, and how the link reached them": by e-mail, by SMS (someone
 * invited by phone only), or, when no SMS could go (quiet hours 21–08, a number that answered
 * STOPP, the gateway down), the link for the inviter to pass on. Used by the start-a-plan panel
 * and the plan's "Folk" part.
 */
import { useGatherI18n } from './i18n';

export interface SentInvitation {
  name: string;
  email?: string;
  phone?: string;
  url?: string;
  /** What became of the SMS (the api's `invitationSms`), for someone invited by phone only. */
  sms?: string;
}

export function SentInvitationLine({ s }: { s: SentInvitation }) {
  const { g } = useGatherI18n();
  const phone = s.phone ?? '';
  const text = s.email
    ? g('rows.sentMail', { name: s.name, email: s.email })
    : s.sms === 'sent'
      ? g('rows.sentSms', { name: s.name, phone })
      : s.sms === 'quiet_hours'
        ? g('rows.smsQuiet', { name: s.name, phone })
        : s.sms === 'failed'
          ? g('rows.smsFailed', { name: s.name, phone })
          : g('rows.sentPhone', { name: s.name, phone });
  // The link itself: to pass on when nothing was sent, or to send again oneself.
  const linkNote = s.email || s.sms === 'sent' ? g('rows.link') : null;
  return (
    <>
      {text}{' '}
      {s.url && (
        <>
          {linkNote}{' '}
          <a href={s.url} data-testid="invitation-link">
            {s.url}
          </a>
        </>
      )}
    </>
  );
}
