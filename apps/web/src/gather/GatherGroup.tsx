/**
 * Gathering the ansvarsgruppe in the plan's "Folk" part: staff of the municipality picked from
 * its directory by name (a member at once, and told), and relatives and others invited in rows,
 * several in one submit (POST .../members/batch: all checked first, then each through the write
 * path). Only the roles the caller's role may hand out are offered (PLAN_ROLE_GRANTS); the rows
 * are kept as a draft across a reload until sent.
 */
import { Alert, Button, Details, Paragraph } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { PLAN_ROLE_ADMISSION, PLAN_ROLE_GRANTS, type ChangeResult, type MemberView, type PlanRole } from '#contracts';
import { post } from '../api/client';
import { errorText } from '../api/errors';
import { useFormDraft } from '../components/use-draft';
import { usePlan } from '../live/context';
import { newMutationId } from '../live/edits';
import { useGatherI18n } from './i18n';
import { InviteRows } from './InviteRows';
import { checkRows, isBlank, lastRole, newRow, type InviteRow } from './rows';
import { SentInvitationLine, type SentInvitation } from './SentInvitation';
import { StaffPicker } from './StaffPicker';
import './gather.css';

type Sent = SentInvitation;

export function GatherGroup() {
  const { g, t } = useGatherI18n();
  const plan = usePlan();
  const grants = PLAN_ROLE_GRANTS[plan.myRole];
  const roles = grants.filter((r) => PLAN_ROLE_ADMISSION[r].by === 'invitation' && r !== 'person');
  const mayAddStaff = grants.includes('professional');
  const [staffNote, setStaffNote] = useState<string | null>(null);
  const [staffError, setStaffError] = useState<string | null>(null);
  const memberAccountIds = plan.members.filter((m) => m.accountId && m.status !== 'removed').map((m) => m.accountId!);
  return (
    <div className="gather stack">
      {mayAddStaff && (
        <div className="stack-sm">
          <StaffPicker
            planId={plan.id}
            exclude={memberAccountIds}
            onPick={async (e) => {
              setStaffError(null);
              setStaffNote(null);
              try {
                await post<ChangeResult>(`/api/plans/${plan.id}/members`, {
                  accountId: e.accountId,
                  role: 'professional',
                  clientMutationId: newMutationId(),
                });
                setStaffNote(g('staff.added', { name: e.name }));
              } catch (err) {
                setStaffError(errorText(t, err));
              }
            }}
          />
          <p role="status" className="visually-hidden-status">
            {staffNote}
          </p>
          {staffNote && <Paragraph data-size="sm">{staffNote}</Paragraph>}
          {staffError && (
            <Alert data-color="danger" data-size="sm" role="alert">
              <Paragraph data-size="sm">{staffError}</Paragraph>
            </Alert>
          )}
        </div>
      )}
      {roles.length > 0 && <InviteForm roles={roles} />}
    </div>
  );
}

function InviteForm({ roles }: { roles: PlanRole[] }) {
  const { g, t } = useGatherI18n();
  const plan = usePlan();
  // The rows as text, so an untouched form counts as empty (components/use-draft.ts).
  const draft = useFormDraft(`plan.${plan.id}.invite`, { rows: '' });
  const [fresh] = useState(() => [newRow(lastRole(roles, 'relative'))]);
  const rows = parseRows(draft.value.rows, roles) ?? fresh;
  const setRows = (next: InviteRow[]) => draft.set({ rows: next.every(isBlank) && next.length === 1 ? '' : JSON.stringify(next) });
  const [errors, setErrors] = useState<string[]>([]);
  const [sent, setSent] = useState<Sent[] | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const checked = checkRows(rows, g);
    if (!checked.bodies.length && !checked.errors.length) checked.errors.push(g('rows.error.name', { n: 1 }));
    setErrors(checked.errors);
    if (checked.errors.length) return;
    setBusy(true);
    try {
      const res = await post<{ results: (ChangeResult<MemberView> & { invitationUrl?: string; invitationSms?: string })[] }>(
        `/api/plans/${plan.id}/members/batch`,
        {
          members: checked.bodies.map((b) => ({ ...b.body, clientMutationId: newMutationId() })),
        },
      );
      setSent(checked.bodies.map((b, i) => ({ ...b.body, url: res.results[i]?.invitationUrl, sms: res.results[i]?.invitationSms })));
      draft.clear();
    } catch (err) {
      setErrors([errorText(t, err)]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Details defaultOpen={draft.restored}>
      <Details.Summary>{t('plan.members.invite')}</Details.Summary>
      <Details.Content>
        <form className="stack" onSubmit={(e) => void submit(e)} noValidate data-form="invite">
          <Paragraph data-size="sm">{t('plan.members.inviteIntro')}</Paragraph>
          {errors.length > 0 && (
            <Alert data-color="danger" data-size="sm" role="alert">
              <ul className="error-list">
                {errors.map((text) => (
                  <li key={text}>{text}</li>
                ))}
              </ul>
            </Alert>
          )}
          {sent && (
            <Alert data-color="success" data-size="sm" role="status">
              <Paragraph data-size="sm">{g('rows.sent', { count: sent.length })}</Paragraph>
              <ul className="sent-list">
                {sent.map((s) => (
                  <li key={`${s.name}-${s.email ?? s.phone}`} className="break">
                    <SentInvitationLine s={s} />
                  </li>
                ))}
              </ul>
            </Alert>
          )}
          <InviteRows rows={rows} onChange={setRows} roles={roles} />
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

function parseRows(text: string, roles: PlanRole[]): InviteRow[] | null {
  if (!text) return null;
  try {
    const rows = JSON.parse(text) as InviteRow[];
    if (!Array.isArray(rows) || !rows.length) return null;
    return rows.map((r) => ({ ...r, role: roles.includes(r.role) ? r.role : (roles[0] ?? 'relative') }));
  } catch {
    return null;
  }
}
