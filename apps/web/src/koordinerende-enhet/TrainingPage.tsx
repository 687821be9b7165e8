/**
 * Opplæring: the courses coordinators must have, who completed which when, and each
 * coordinator's status with those missing or expired flagged first.
 */
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Field,
  Heading,
  Label,
  Paragraph,
  Select,
  Spinner,
  Tag,
  Textfield,
} from '@digdir/designsystemet-react';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { CompletionInput, CompletionView, CoordinatorRow, CourseInput, CourseView } from '#contracts';
import { get, patch, post } from '../api/client';
import { errorText } from '../api/errors';
import { RequireTenantAction } from './access';
import { CoordinatorCard } from './CoordinatorCard';
import { useKeI18n } from './i18n';
import { ErrorAlert, SectionFrame, usePageTitle } from './parts';
import { osloToday } from './PlanRowCard';

export function TrainingPage() {
  const { t } = useKeI18n();
  usePageTitle(t('training.title'));
  return (
    <SectionFrame>
      <div className="stack">
        <Heading level={1} data-size="lg">
          {t('training.title')}
        </Heading>
        <Paragraph>{t('training.intro')}</Paragraph>
      </div>
      <RequireTenantAction action="training.manage" message={t('common.noAccess')}>
        <Training />
      </RequireTenantAction>
    </SectionFrame>
  );
}

function Training() {
  const { t, tApp, formatDate } = useKeI18n();
  const [coordinators, setCoordinators] = useState<CoordinatorRow[] | null>(null);
  const [courses, setCourses] = useState<CourseView[] | null>(null);
  const [completions, setCompletions] = useState<CompletionView[] | null>(null);
  const [onlyFlagged, setOnlyFlagged] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    Promise.all([
      get<CoordinatorRow[]>('/api/training/coordinators'),
      get<CourseView[]>('/api/training/courses'),
      get<CompletionView[]>('/api/training/completions'),
    ])
      .then(([c, k, d]) => {
        // Flagged first: they are the ones to follow up.
        setCoordinators([...c].sort((a, b) => Number(b.training.flagged) - Number(a.training.flagged)));
        setCourses(k);
        setCompletions(d);
        setError(null);
      })
      .catch((err: unknown) => setError(errorText(tApp, err)));
  }, [tApp]);
  useEffect(load, [load]);

  if (error) return <ErrorAlert message={error} />;
  if (!coordinators || !courses || !completions) return <Spinner aria-label={tApp('common.loading')} />;
  const shown = onlyFlagged ? coordinators.filter((c) => c.training.flagged) : coordinators;

  const archive = async (course: CourseView) => {
    try {
      await patch(`/api/training/courses/${course.id}`, { archived: true });
      load();
    } catch (err) {
      setError(errorText(tApp, err));
    }
  };

  return (
    <>
      <section aria-labelledby="coordinators-title" className="stack">
        <Heading level={2} data-size="md" id="coordinators-title">
          {t('training.coordinators.title')}
        </Heading>
        <Checkbox label={t('training.coordinators.onlyFlagged')} checked={onlyFlagged} onChange={(e) => setOnlyFlagged(e.target.checked)} />
        {shown.length === 0 ? (
          <Paragraph>{t('training.coordinators.empty')}</Paragraph>
        ) : (
          <ul className="ke-list" aria-labelledby="coordinators-title">
            {shown.map((c) => (
              <li key={c.accountId}>
                <CoordinatorCard coordinator={c} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="courses-title" className="stack">
        <Heading level={2} data-size="md" id="courses-title">
          {t('training.courses.title')}
        </Heading>
        {courses.length === 0 ? (
          <Paragraph>{t('training.courses.empty')}</Paragraph>
        ) : (
          <ul className="ke-list" aria-labelledby="courses-title">
            {courses.map((k) => (
              <li key={k.id}>
                <CourseCard course={k} onArchive={() => void archive(k)} />
              </li>
            ))}
          </ul>
        )}
        <NewCourseForm onAdded={load} />
      </section>

      <section aria-labelledby="record-title" className="stack">
        <Heading level={2} data-size="md" id="record-title">
          {t('training.record.title')}
        </Heading>
        {courses.length === 0 ? (
          <Paragraph>{t('training.record.noCourses')}</Paragraph>
        ) : (
          <RecordCompletionForm coordinators={coordinators} courses={courses} onRecorded={load} />
        )}
        <Heading level={3} data-size="xs" id="completions-title">
          {t('training.completions.title')}
        </Heading>
        {completions.length === 0 ? (
          <Paragraph>{t('training.completions.empty')}</Paragraph>
        ) : (
          <ul className="ke-courses" aria-labelledby="completions-title">
            {completions.map((c) => (
              <li key={c.id}>
                {t('training.completions.row', { name: c.accountName, course: c.courseTitle, date: formatDate(c.completedOn) })}
                {c.expiresOn ? ` (${t('training.course.expires', { date: formatDate(c.expiresOn) })})` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function CourseCard({ course: k, onArchive }: { course: CourseView; onArchive(): void }) {
  const { t } = useKeI18n();
  const [confirming, setConfirming] = useState(false);
  return (
    <Card data-color="neutral" className="ke-row-card stack-sm" data-testid="course-card">
      <Heading level={3} data-size="xs">
        {k.title}
      </Heading>
      {k.description && <Paragraph data-size="sm">{k.description}</Paragraph>}
      <div className="tags">
        {k.requiredForCoordinators && <Tag data-color="info">{t('training.courses.required')}</Tag>}
        <Tag data-color="neutral">
          {k.validityMonths ? t('training.courses.validity', { months: k.validityMonths }) : t('training.courses.noExpiry')}
        </Tag>
      </div>
      {confirming ? (
        <div className="stack-sm" role="group" aria-label={t('training.courses.archive', { title: k.title })}>
          <Paragraph data-size="sm">{t('training.courses.archiveConfirm', { title: k.title })}</Paragraph>
          <div className="actions">
            <Button variant="secondary" data-color="danger" data-size="sm" onClick={onArchive}>
              {t('training.courses.archiveYes')}
            </Button>
            <Button variant="tertiary" data-size="sm" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        </div>
      ) : (
        <div>
          <Button variant="tertiary" data-size="sm" onClick={() => setConfirming(true)}>
            {t('training.courses.archive', { title: k.title })}
          </Button>
        </div>
      )}
    </Card>
  );
}

function NewCourseForm({ onAdded }: { onAdded(): void }) {
  const { t, tApp } = useKeI18n();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [validity, setValidity] = useState('');
  const [required, setRequired] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAdded(null);
    if (!title.trim()) return setError(t('training.newCourse.nameRequired'));
    const months = validity.trim() ? Number(validity.trim()) : null;
    if (months !== null && (!Number.isInteger(months) || months < 1 || months > 240))
      return setError(t('training.newCourse.validityInvalid'));
    setBusy(true);
    setError(null);
    try {
      const body: CourseInput = {
        title: title.trim(),
        validityMonths: months,
        requiredForCoordinators: required,
        ...(description.trim() ? { description: description.trim() } : {}),
      };
      const course = await post<CourseView>('/api/training/courses', body);
      setAdded(t('training.newCourse.added', { title: course.title }));
      setTitle('');
      setDescription('');
      setValidity('');
      onAdded();
    } catch (err) {
      setError(errorText(tApp, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="stack narrow-form ke-appoint" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="new-course-title">
      <Heading level={3} data-size="xs" id="new-course-title">
        {t('training.newCourse.title')}
      </Heading>
      <ErrorAlert message={error} />
      <div role="status">
        {added && (
          <Alert data-color="success">
            <Paragraph>{added}</Paragraph>
          </Alert>
        )}
      </div>
      <Textfield label={t('training.newCourse.name')} value={title} onChange={(e) => setTitle(e.target.value)} required />
      <Textfield
        multiline
        rows={2}
        label={t('training.newCourse.description')}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <Textfield
        label={t('training.newCourse.validity')}
        description={t('training.newCourse.validityHint')}
        inputMode="numeric"
        value={validity}
        onChange={(e) => setValidity(e.target.value)}
      />
      <Checkbox label={t('training.newCourse.required')} checked={required} onChange={(e) => setRequired(e.target.checked)} />
      <div>
        <Button type="submit" loading={busy}>
          {t('training.newCourse.submit')}
        </Button>
      </div>
    </form>
  );
}

function RecordCompletionForm(props: { coordinators: CoordinatorRow[]; courses: CourseView[]; onRecorded(): void }) {
  const { t, tApp, formatDate } = useKeI18n();
  const [accountId, setAccountId] = useState('');
  const [courseId, setCourseId] = useState('');
  const [date, setDate] = useState(osloToday());
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    if (!accountId || !courseId || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return setError(t('training.record.missing'));
    setBusy(true);
    setError(null);
    try {
      const body: CompletionInput = { accountId, courseId, completedOn: date };
      const c = await post<CompletionView>('/api/training/completions', body);
      setDone(t('training.record.done', { name: c.accountName, course: c.courseTitle, date: formatDate(c.completedOn) }));
      setAccountId('');
      props.onRecorded();
    } catch (err) {
      setError(errorText(tApp, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="stack narrow-form" onSubmit={(e) => void submit(e)} noValidate>
      <ErrorAlert message={error} />
      <div role="status">
        {done && (
          <Alert data-color="success">
            <Paragraph>{done}</Paragraph>
          </Alert>
        )}
      </div>
      <Field>
        <Label htmlFor="record-who">{t('training.record.who')}</Label>
        <Select id="record-who" value={accountId} onChange={(e) => setAccountId(e.target.value)}>
          <Select.Option value="">{tApp('common.choose')}</Select.Option>
          {props.coordinators.map((c) => (
            <Select.Option key={c.accountId} value={c.accountId}>
              {c.name}
            </Select.Option>
          ))}
        </Select>
      </Field>
      <Field>
        <Label htmlFor="record-course">{t('training.record.course')}</Label>
        <Select id="record-course" value={courseId} onChange={(e) => setCourseId(e.target.value)}>
          <Select.Option value="">{tApp('common.choose')}</Select.Option>
          {props.courses.map((k) => (
            <Select.Option key={k.id} value={k.id}>
              {k.title}
            </Select.Option>
          ))}
        </Select>
      </Field>
      <Textfield label={t('training.record.date')} type="date" value={date} max={osloToday()} onChange={(e) => setDate(e.target.value)} />
      <div>
        <Button type="submit" loading={busy}>
          {t('training.record.submit')}
        </Button>
      </div>
    </form>
  );
}
