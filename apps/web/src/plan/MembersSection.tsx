/** Ansvarsgruppen: who takes part, in which role, how to reach them; and gathering more (gather/GatherGroup). */
import { Card, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import type { MemberView, PlanRole } from '#contracts';
import { useI18n } from '../i18n';
import { useMay, usePlan } from '../live/context';
import { Section } from './Section';
import { GatherGroup } from '../gather/GatherGroup';

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
      {may('member.invite') && <GatherGroup />}
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
