/**
 * "Start en ny plan" from the top of the home screen, in one form and one submit: the person
 * (a citizen of the municipality picked by name, or a new person with a phone or an e-mail, or
 * explicitly without either: consent is then written on paper), what matters, the goals (one
 * per line), the group (staff picked from the directory, relatives invited in rows) and a first
 * task whose responsible is picked from the group or the directory in the same field. Sent as
 * the ordinary requests, in order (the plan, what matters, goals, the group in one list, the
 * task), so every part goes through its own write path and checks. Loaded when opened.
 */
import {
  Alert,
  Button,
  Checkbox,
  Field,
  Fieldset,
  Heading,
  Label,
  Paragraph,
  Select,
  Textarea,
  Textfield,
} from '@digdir/designsystemet-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { parseContact, type ChangeResult, type DirectoryEntry, type MemberView, type PlanView } from '#contracts';
import { useAuth } from '../api/auth';
import { patch, post } from '../api/client';
import { errorText } from '../api/errors';
import { newMutationId } from '../live/edits';
import { useGatherI18n } from './i18n';
import { InviteRows } from './InviteRows';
import { checkRows, lastRole, newRow, type InviteRow } from './rows';
import { staffDetails, useCitizenSearch, useStaffSearch } from './search';
import { SentInvitationLine, type SentInvitation } from './SentInvitation';
import { StaffPicker } from './StaffPicker';
import './gather.css';

type Responsible = { kind: 'me'; name: string } | { kind: 'staff'; entry: DirectoryEntry } | { kind: 'row'; key: string; name: string };

type Sent = SentInvitation;

interface Started {
  planId: string;
  personName: string;
  personLink?: string;
  sent: Sent[];
  failed: string[];
}

/** Who may be handed an invitation from here: the coordinator starting the plan invites relatives. */
const ROW_ROLES = ['relative'] as const;

export function StartPlanPanel({ onClose, onStarted }: { onClose(): void; onStarted(): void }) {
  const { g, t } = useGatherI18n();
  const { me } = useAuth();
  const id = useId();
  const [personName, setPersonName] = useState('');
  const [citizen, setCitizen] = useState<{ accountId: string; name: string } | null>(null);
  const [contact, setContact] = useState('');
  const [noContact, setNoContact] = useState(false);
  const [whatMatters, setWhatMatters] = useState('');
  const [goals, setGoals] = useState('');
  const [staff, setStaff] = useState<DirectoryEntry[]>([]);
  const [rows, setRows] = useState<InviteRow[]>(() => [newRow(lastRole([...ROW_ROLES], 'relative'))]);
  const [taskTitle, setTaskTitle] = useState('');
  const [taskGoal, setTaskGoal] = useState(0);
  const [due, setDue] = useState('');
  const [responsible, setResponsible] = useState<Responsible | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [started, setStarted] = useState<Started | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const citizens = useCitizenSearch(personName, !citizen);
  const goalLines = goals
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

  useEffect(() => {
    if (errors.length) errorRef.current?.focus();
  }, [errors]);
  useEffect(() => {
    if (started) doneRef.current?.focus();
  }, [started]);

  if (started) return <StartedView started={started} onAnother={onClose} headingRef={doneRef} />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: string[] = [];
    const name = citizen?.name ?? personName.trim();
    if (!name) problems.push(g('start.error.name'));
    const reach = citizen || noContact ? null : parseContact(contact);
    if (!citizen && !noContact) {
      if (!contact.trim()) problems.push(g('start.error.contact'));
      else if (!reach) problems.push(g('start.error.contactInvalid'));
    }
    const invited = checkRows(rows, g);
    problems.push(...invited.errors);
    setErrors(problems);
    if (problems.length) return;
    setBusy(true);
    let created: { plan: PlanView; personInvitationUrl?: string };
    try {
      created = await post('/api/plans', {
        title: t('myPlans.defaultTitle', { name }),
        personName: name,
        ...(citizen
          ? { personAccountId: citizen.accountId }
          : noContact
            ? { personNoContact: true }
            : reach && 'email' in reach
              ? { personEmail: reach.email }
              : { personPhone: reach && 'phone' in reach ? reach.phone : '' }),
      });
    } catch (err) {
      setBusy(false);
      setErrors([errorText(t, err)]);
      return;
    }
    const planId = created.plan.id;
    const failed: string[] = [];
    if (whatMatters.trim()) {
      await patch<ChangeResult>(`/api/plans/${planId}`, {
        baseRevision: created.plan.revision,
        whatMatters: whatMatters.trim(),
        clientMutationId: newMutationId(),
      }).catch(() => failed.push(g('start.whatMatters')));
    }
    const goalIds: (string | null)[] = [];
    for (const title of goalLines) {
      const res = await post<ChangeResult>(`/api/plans/${planId}/goals`, { title, clientMutationId: newMutationId() }).catch(() => null);
      if (!res) failed.push(title);
      goalIds.push(res?.entityId ?? null);
    }
    // The group in one list: staff (with the task's responsible, if picked from the directory), then the rows.
    const staffList = [...staff];
    if (responsible?.kind === 'staff' && !staffList.some((s) => s.accountId === responsible.entry.accountId))
      staffList.push(responsible.entry);
    const list = [
      ...staffList.map((s) => ({ accountId: s.accountId, role: 'professional' as const })),
      ...invited.bodies.map((b) => b.body),
    ];
    const memberIdOf = new Map<string, string>();
    const sent: Sent[] = [];
    if (list.length) {
      try {
        const res = await post<{ results: (ChangeResult<MemberView> & { invitationUrl?: string; invitationSms?: string })[] }>(
          `/api/plans/${planId}/members/batch`,
          {
            members: list,
          },
        );
        res.results.forEach((r, i) => {
          if (i < staffList.length) memberIdOf.set(`staff:${staffList[i].accountId}`, r.entityId);
          else {
            const { row, body } = invited.bodies[i - staffList.length];
            memberIdOf.set(`row:${row.key}`, r.entityId);
            sent.push({ name: body.name, email: body.email, phone: body.phone, url: r.invitationUrl, sms: r.invitationSms });
          }
        });
      } catch (err) {
        failed.push(`${g('start.group')} (${errorText(t, err)})`);
      }
    }
    if (taskTitle.trim()) {
      const coordinatorId = created.plan.members.find((m) => m.role === 'coordinator' && m.accountId === me?.id)?.id;
      const responsibleMemberId =
        responsible?.kind === 'me'
          ? coordinatorId
          : responsible?.kind === 'staff'
            ? memberIdOf.get(`staff:${responsible.entry.accountId}`)
            : responsible?.kind === 'row'
              ? memberIdOf.get(`row:${responsible.key}`)
              : undefined;
      await post<ChangeResult>(`/api/plans/${planId}/tasks`, {
        title: taskTitle.trim(),
        goalId: goalIds[taskGoal] ?? null,
        responsibleMemberId: responsibleMemberId ?? null,
        dueDate: due || null,
        clientMutationId: newMutationId(),
      }).catch(() => failed.push(taskTitle.trim()));
    }
    setBusy(false);
    setStarted({
      planId,
      personName: name,
      personLink: reach && 'phone' in reach ? created.personInvitationUrl : undefined,
      sent,
      failed,
    });
    onStarted();
  };

  return (
    <section className="start-plan stack" aria-labelledby={`${id}-h`} data-panel="start-plan">
      <Heading level={2} data-size="md" id={`${id}-h`}>
        {g('start.title')}
      </Heading>
      <Paragraph data-size="sm">{g('start.intro')}</Paragraph>
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate data-form="start-plan">
        {errors.length > 0 && (
          <Alert data-color="danger" role="alert" ref={errorRef} tabIndex={-1}>
            <ul className="error-list">
              {errors.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          </Alert>
        )}
        <Fieldset className="stack-sm">
          <Fieldset.Legend>{g('start.who')}</Fieldset.Legend>
          {citizen ? (
            <div className="picked-person stack-sm">
              <Paragraph>{g('start.picked', { name: citizen.name })}</Paragraph>
              <div>
                <Button variant="secondary" onClick={() => setCitizen(null)}>
                  {g('start.unpick')}
                </Button>
              </div>
            </div>
          ) : (
            <>
              <Textfield
                label={g('start.personName')}
                description={g('start.personNameHint')}
                autoComplete="off"
                autoFocus
                value={personName}
                onChange={(e) => setPersonName(e.target.value)}
              />
              {citizens.results.length > 0 && (
                <ul className="search-results" aria-label={g('start.citizenHint')}>
                  {citizens.results.map((c) => (
                    <li key={c.accountId}>
                      <Button variant="secondary" className="search-result" onClick={() => setCitizen(c)}>
                        <span className="result-name">{g('start.pickCitizen', { name: c.name })}</span>
                        <span className="result-details">{g('start.citizenHint')}</span>
                      </Button>
                    </li>
                  ))}
                </ul>
              )}
              <Textfield
                label={g('start.contact')}
                description={g('start.contactHint')}
                autoComplete="off"
                inputMode="email"
                disabled={noContact}
                value={noContact ? '' : contact}
                onChange={(e) => setContact(e.target.value)}
              />
              <Checkbox
                label={g('start.noContact')}
                description={g('start.noContactHint')}
                checked={noContact}
                onChange={(e) => setNoContact(e.target.checked)}
              />
            </>
          )}
        </Fieldset>
        <Field>
          <Label htmlFor={`${id}-matters`}>{g('start.whatMatters')}</Label>
          <Field.Description>{g('start.whatMattersHint')}</Field.Description>
          <Textarea id={`${id}-matters`} rows={3} value={whatMatters} onChange={(e) => setWhatMatters(e.target.value)} />
        </Field>
        <Field>
          <Label htmlFor={`${id}-goals`}>{g('start.goals')}</Label>
          <Field.Description>{g('start.goalsHint')}</Field.Description>
          <Textarea id={`${id}-goals`} rows={3} value={goals} onChange={(e) => setGoals(e.target.value)} />
        </Field>
        <Fieldset className="stack-sm">
          <Fieldset.Legend>{g('start.group')}</Fieldset.Legend>
          <Fieldset.Description>{g('start.groupIntro')}</Fieldset.Description>
          <StaffPicker exclude={staff.map((s) => s.accountId)} onPick={(e) => setStaff([...staff, e])} />
          {staff.length > 0 && (
            <ul className="picked-staff" aria-label={g('staff.picked')}>
              {staff.map((s) => (
                <li key={s.accountId}>
                  <span>
                    {s.name}
                    {staffDetails(s) ? `, ${staffDetails(s)}` : ''}
                  </span>
                  <Button
                    variant="tertiary"
                    aria-label={g('staff.remove', { name: s.name })}
                    onClick={() => {
                      setStaff(staff.filter((x) => x.accountId !== s.accountId));
                      if (responsible?.kind === 'staff' && responsible.entry.accountId === s.accountId) setResponsible(null);
                    }}
                  >
                    {g('rows.remove')}
                  </Button>
                </li>
              ))}
            </ul>
          )}
          <InviteRows rows={rows} onChange={setRows} roles={[...ROW_ROLES]} />
        </Fieldset>
        <Fieldset className="stack-sm">
          <Fieldset.Legend>{g('start.task')}</Fieldset.Legend>
          <Textfield label={g('start.taskTitle')} autoComplete="off" value={taskTitle} onChange={(e) => setTaskTitle(e.target.value)} />
          <ResponsibleField
            me={me ? { name: me.name } : null}
            staff={staff}
            rows={rows}
            chosen={responsible}
            onChoose={(r) => {
              setResponsible(r);
              if (r?.kind === 'staff' && !staff.some((s) => s.accountId === r.entry.accountId)) setStaff([...staff, r.entry]);
            }}
          />
          <div className="grid-2">
            {goalLines.length > 1 && (
              <Field>
                <Label htmlFor={`${id}-goal`}>{g('start.taskGoal')}</Label>
                <Select id={`${id}-goal`} value={String(taskGoal)} onChange={(e) => setTaskGoal(Number(e.target.value))}>
                  {goalLines.map((line, i) => (
                    <Select.Option key={`${i}-${line}`} value={String(i)}>
                      {line}
                    </Select.Option>
                  ))}
                </Select>
              </Field>
            )}
            <Textfield label={g('start.taskDue')} type="date" value={due} onChange={(e) => setDue(e.target.value)} />
          </div>
        </Fieldset>
        <div className="actions">
          <Button type="submit" loading={busy}>
            {busy ? g('start.working') : g('start.submit')}
          </Button>
          <Button variant="tertiary" onClick={onClose}>
            {g('start.cancel')}
          </Button>
        </div>
      </form>
    </section>
  );
}

/**
 * The task's responsible, by typing part of a name: me, staff already picked, people in the rows,
 * or anyone on the municipality's staff (who is then added to the group too).
 */
function ResponsibleField({
  me,
  staff,
  rows,
  chosen,
  onChoose,
}: {
  me: { name: string } | null;
  staff: DirectoryEntry[];
  rows: InviteRow[];
  chosen: Responsible | null;
  onChoose(r: Responsible | null): void;
}) {
  const { g } = useGatherI18n();
  const [query, setQuery] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const changeRef = useRef<HTMLButtonElement>(null);
  const directory = useStaffSearch(chosen ? '' : query);
  const q = query.trim().toLowerCase();
  const matches = (name: string) => !!q && name.toLowerCase().includes(q);
  const local: { key: string; label: string; details: string; pick: Responsible }[] = [
    ...(me && matches(me.name)
      ? [{ key: 'me', label: g('responsible.me', { name: me.name }), details: '', pick: { kind: 'me', name: me.name } as const }]
      : []),
    ...staff
      .filter((s) => matches(s.name))
      .map((s) => ({
        key: `staff:${s.accountId}`,
        label: s.name,
        details: g('responsible.inGroup'),
        pick: { kind: 'staff', entry: s } as const,
      })),
    ...rows
      .filter((r) => matches(r.name))
      .map((r) => ({
        key: `row:${r.key}`,
        label: r.name.trim(),
        details: g('responsible.inGroup'),
        pick: { kind: 'row', key: r.key, name: r.name.trim() } as const,
      })),
  ];
  const fromDirectory = directory.results
    .filter((e) => !staff.some((s) => s.accountId === e.accountId))
    .map((e) => ({
      key: `dir:${e.accountId}`,
      label: e.name,
      details: [staffDetails(e), g('responsible.fromDirectory')].filter(Boolean).join(' · '),
      pick: { kind: 'staff', entry: e } as const,
    }));
  const offered = [...local, ...fromDirectory];
  useEffect(() => {
    if (chosen) changeRef.current?.focus();
  }, [chosen]);
  if (chosen) {
    const name = chosen.kind === 'staff' ? chosen.entry.name : chosen.name;
    return (
      <div className="chosen-responsible stack-sm" data-picker="responsible">
        <Paragraph>{g('responsible.chosen', { name })}</Paragraph>
        <div>
          <Button
            variant="secondary"
            ref={changeRef}
            onClick={() => {
              onChoose(null);
              setQuery('');
              setTimeout(() => input.current?.focus(), 0);
            }}
          >
            {g('responsible.change')}
          </Button>
        </div>
      </div>
    );
  }
  return (
    <div className="people-search stack-sm" data-picker="responsible">
      <Textfield
        ref={input}
        label={g('responsible.search')}
        description={g('responsible.searchHint')}
        autoComplete="off"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <Paragraph data-size="sm" role="status" className="search-status">
        {directory.searching ? g('search.searching') : q ? g('search.results', { count: offered.length }) : ''}
      </Paragraph>
      {offered.length > 0 && (
        <ul className="search-results">
          {offered.map((o) => (
            <li key={o.key}>
              <Button
                variant="secondary"
                className="search-result"
                onClick={() => onChoose(o.pick)}
                aria-label={g('responsible.choose', { name: o.label })}
              >
                <span className="result-name">{o.label}</span>
                {o.details && <span className="result-details">{o.details}</span>}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function StartedView({
  started,
  onAnother,
  headingRef,
}: {
  started: Started;
  onAnother(): void;
  headingRef: React.Ref<HTMLHeadingElement>;
}) {
  const { g } = useGatherI18n();
  return (
    <section className="start-plan stack" data-panel="start-plan-done">
      <Heading level={2} data-size="md" ref={headingRef} tabIndex={-1}>
        {g('start.done', { name: started.personName })}
      </Heading>
      {started.failed.length > 0 && (
        <Alert data-color="warning" role="alert">
          <Paragraph>{g('start.error.partial', { what: started.failed.join(', ') })}</Paragraph>
        </Alert>
      )}
      {started.personLink && (
        <Paragraph className="break">
          {g('start.personLink', { name: started.personName })}{' '}
          <a href={started.personLink} data-testid="person-invitation-link">
            {started.personLink}
          </a>
        </Paragraph>
      )}
      {started.sent.length > 0 && (
        <ul className="sent-list stack-sm">
          {started.sent.map((s) => (
            <li key={`${s.name}-${s.email ?? s.phone}`} className="break">
              <SentInvitationLine s={s} />
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <Link to={`/planer/${started.planId}`} className="primary-link">
          {g('start.openPlan', { name: started.personName })}
        </Link>
        <Button variant="tertiary" onClick={onAnother}>
          {g('start.close')}
        </Button>
      </div>
    </section>
  );
}
