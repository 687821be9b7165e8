/**
 * A task's responsible who is not in the group yet, from the task form itself: picked from the
 * municipality's staff, or invited (name, phone or e-mail, role). Added through the ordinary
 * members write path (POST .../members), then chosen. Loaded when "Noen andre …" is chosen.
 */
import { Button, Field, Heading, Label, Paragraph, Select, Textfield } from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import { parseContact, PLAN_ROLE_ADMISSION, PLAN_ROLE_GRANTS, type ChangeResult, type PlanRole } from '#contracts';
import { post } from '../api/client';
import { errorText } from '../api/errors';
import { newMutationId } from '../live/edits';
import { useGatherI18n } from './i18n';
import { lastRole, rememberRole } from './rows';
import { StaffPicker } from './StaffPicker';
import './gather.css';

export interface NewResponsibleProps {
  planId: string;
  myRole: PlanRole;
  /** Accounts already in the group (not offered again). */
  memberAccountIds: string[];
  onAdded(memberId: string, name: string): void;
}

export default function NewResponsible({ planId, myRole, memberAccountIds, onAdded }: NewResponsibleProps) {
  const { g, t } = useGatherI18n();
  const id = useId();
  const grants = PLAN_ROLE_GRANTS[myRole];
  const mayAddStaff = grants.includes('professional');
  const roles = grants.filter((r) => PLAN_ROLE_ADMISSION[r].by === 'invitation' && r !== 'person');
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  const [role, setRole] = useState<PlanRole>(() => lastRole(roles, 'relative'));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const add = async (body: Record<string, unknown>, who: string) => {
    setError(null);
    setBusy(true);
    try {
      const res = await post<ChangeResult>(`/api/plans/${planId}/members`, { ...body, clientMutationId: newMutationId() });
      onAdded(res.entityId, who);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  const invite = () => {
    const reach = parseContact(contact);
    if (!name.trim()) return setError(g('rows.error.name', { n: 1 }));
    if (!reach) return setError(contact.trim() ? g('rows.error.contactInvalid', { n: 1 }) : g('rows.error.contact', { n: 1 }));
    void add({ name: name.trim(), role, ...reach }, name.trim());
  };
  return (
    <div className="new-responsible stack-sm" data-picker="new-responsible">
      <Heading level={4} data-size="2xs">
        {g('responsible.otherTitle')}
      </Heading>
      {error && (
        <Paragraph data-size="sm" role="alert">
          {error}
        </Paragraph>
      )}
      {mayAddStaff && (
        <StaffPicker
          planId={planId}
          exclude={memberAccountIds}
          onPick={(e) => add({ accountId: e.accountId, role: 'professional' }, e.name)}
        />
      )}
      {roles.length > 0 && (
        <div className="stack-sm">
          <Paragraph data-size="sm">{g('responsible.inviteTitle')}</Paragraph>
          <div className="invite-row">
            <Textfield label={g('rows.name')} autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
            <Textfield label={g('rows.contact')} autoComplete="off" value={contact} onChange={(e) => setContact(e.target.value)} />
            <Field>
              <Label htmlFor={`${id}-role`}>{g('rows.role')}</Label>
              <Select
                id={`${id}-role`}
                value={role}
                onChange={(e) => {
                  rememberRole(e.target.value as PlanRole);
                  setRole(e.target.value as PlanRole);
                }}
              >
                {roles.map((r) => (
                  <Select.Option key={r} value={r}>
                    {t(`role.${r}`)}
                  </Select.Option>
                ))}
              </Select>
            </Field>
          </div>
          <div>
            <Button variant="secondary" loading={busy} onClick={invite}>
              {g('responsible.invite')}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
