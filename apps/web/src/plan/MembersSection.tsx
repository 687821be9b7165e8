/** Ansvarsgruppen: who takes part, in which role, how to reach them; and inviting someone by e-mail. */
import { Alert, Button, Card, Details, Field, Heading, Label, Paragraph, Select, Tag, Textfield } from '@digdir/designsystemet-react';
import { useId, useState, type FormEvent } from 'react';
import { PLAN_ROLE_ADMISSION, PLAN_ROLE_GRANTS, type ChangeResult, type MemberView, type PlanRole } from '#contracts';
import { post } from '../api/client';
import { errorText } from '../api/errors';
import { useI18n } from '../i18n';
import { useMay, usePlan } from '../live/context';
import { newMutationId } from '../live/edits';
import { Section } from './Section';

const ROLE_ORDER: Record<PlanRole, number> = { person: 0, guardian: 1, coordinator: 2, relative: 3, professional: 4 };

export function MembersSection() {
  const { t } = useI18n();
  const plan = usePlan();
  const may = useMay();
  const members = plan.members.filter((m) => m.status !== 'removed').sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
  return (
    <Section id="people" title={t('plan.members.title')} intro={<Paragraph>{t('plan.members.intro')}</Paragraph>}>
      <ul className="member-list">
        {members.map((m) => (
          <li key={m.id}>
            <MemberCard member={m} />
          </li>
        ))}
      </ul>
      {may('member.invite') && <InviteForm />}
    </Section>
  );
}

function MemberCard({ member }: { member: MemberView }) {
  const { t } = useI18n();
  const needsConsent = member.role === 'relative' || member.role === 'professional';
  return (
    <Card className="member-card" data-color="neutral" data-member-id={member.id}>
      <Heading level={3} data-size="xs">
        {member.name}
      </Heading>
      <div className="tags">
        <Tag data-color="brand1">{t(`role.${member.role}`)}</Tag>
        {member.status === 'invited' && <Tag data-color="warning">{t('plan.members.invited')}</Tag>}
        {needsConsent && !member.hasConsent && <Tag data-color="danger">{t('plan.members.noConsent')}</Tag>}
      </div>
      {(member.service || member.organisation) && (
        <Paragraph data-size="sm">{[member.service, member.organisation].filter(Boolean).join(', ')}</Paragraph>
      )}
      {member.contribution && <Paragraph data-size="sm">{t('plan.members.contribution', { text: member.contribution })}</Paragraph>}
      <ul className="contact">
        {member.phone && (
          <li>
            {t('plan.members.phone')}: <a href={`tel:${member.phone.replace(/\s/g, '')}`}>{member.phone}</a>
          </li>
        )}
        {member.email && (
          <li>
            {t('plan.members.email')}: <a href={`mailto:${member.email}`}>{member.email}</a>
          </li>
        )}
      </ul>
    </Card>
  );
}

function InviteForm() {
  const { t } = useI18n();
  const plan = usePlan();
  const id = useId();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  // By e-mail only the roles that come in by invitation and that my role may hand out; staff are
  // picked from the municipality's directory (GET /api/directory/staff).
  const roles = PLAN_ROLE_GRANTS[plan.myRole].filter((r) => PLAN_ROLE_ADMISSION[r].by === 'invitation' && r !== 'person');
  const [role, setRole] = useState<PlanRole>(roles.includes('relative') ? 'relative' : (roles[0] ?? 'relative'));
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<{ email: string; url?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!email.trim() || !name.trim()) return setError(t('plan.members.inviteRequired'));
    setBusy(true);
    setError(null);
    try {
      const res = await post<ChangeResult & { invitationUrl?: string }>(`/api/plans/${plan.id}/members`, {
        email: email.trim(),
        name: name.trim(),
        role,
        clientMutationId: newMutationId(),
      });
      setSent({ email: email.trim(), url: res.invitationUrl });
      setEmail('');
      setName('');
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Details>
      <Details.Summary>{t('plan.members.invite')}</Details.Summary>
      <Details.Content>
        <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
          <Paragraph data-size="sm">{t('plan.members.inviteIntro')}</Paragraph>
          {error && (
            <Alert data-color="danger" data-size="sm" role="alert">
              <Paragraph data-size="sm">{error}</Paragraph>
            </Alert>
          )}
          {sent && (
            <Alert data-color="success" data-size="sm" role="status">
              <Paragraph data-size="sm">{t('plan.members.inviteSent', { email: sent.email })}</Paragraph>
              {sent.url && (
                <Paragraph data-size="sm" className="break">
                  {t('plan.members.inviteLink')}{' '}
                  <a href={sent.url} data-testid="invitation-link">
                    {sent.url}
                  </a>
                </Paragraph>
              )}
            </Alert>
          )}
          <Textfield label={t('plan.members.name')} autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
          <Textfield
            label={t('plan.members.email')}
            type="email"
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <Field>
            <Label htmlFor={`${id}-role`}>{t('plan.members.role')}</Label>
            <Select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as PlanRole)}>
              {roles.map((r) => (
                <Select.Option key={r} value={r}>
                  {t(`role.${r}`)}
                </Select.Option>
              ))}
            </Select>
          </Field>
          <div>
            <Button type="submit" loading={busy}>
              {t('plan.members.sendInvite')}
            </Button>
          </div>
        </form>
      </Details.Content>
    </Details>
  );
}
