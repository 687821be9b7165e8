/**
 * The summary of a closed meeting, for every active member of the plan, the absent too: its
 * decisions, the tasks made from them (who and by when) and the next meeting. A member whose role
 * needs the person's consent and has none in force is told only that the meeting was closed
 * ('meeting_closed'), never what was decided. As for every notification, the e-mail carries no
 * plan content (templates.ts): counts, the recipient's own due dates and the next meeting's time
 * and place; the decisions and tasks themselves are in the app, behind login.
 */
import type { EntityManager } from 'typeorm';
import type { OutboxMessageMap } from '../events/outbox.service';
import type { NewNotification } from './notifications.service';
import { planMembersToTell } from './plan-recipients';

export interface SummaryTask {
  title: string;
  who: string | null;
  due: string | null;
}

export async function meetingSummaryNotifications(tx: EntityManager, p: OutboxMessageMap['meeting.summary']): Promise<NewNotification[]> {
  const [m] = (await tx.query(
    `SELECT m.title, m.starts_at, m.decisions, m.next_meeting_id, m.closed_at, m.closings, p.title AS plan_title
       FROM meetings m JOIN plans p ON p.id = m.plan_id
      WHERE m.id = $1 AND m.plan_id = $2 AND m.deleted_at IS NULL`,
    [p.meetingId, p.planId],
  )) as {
    title: string;
    starts_at: Date;
    decisions: { text: string; taskId: string | null }[];
    next_meeting_id: string | null;
    closed_at: Date | null;
    closings: number;
    plan_title: string;
  }[];
  // Reopened (or closed again) before this was carried out: the later close sends its own.
  if (!m || !m.closed_at || m.closings !== p.closing) return [];

  const taskIds = m.decisions.map((d) => d.taskId).filter((id): id is string => Boolean(id));
  const tasks = (await tx.query(
    `SELECT t.id, t.title, t.due_date::text AS due, t.responsible_member_id, pm.name AS who
       FROM tasks t LEFT JOIN plan_members pm ON pm.id = t.responsible_member_id
      WHERE t.plan_id = $1 AND t.id = ANY($2::uuid[]) AND t.deleted_at IS NULL`,
    [p.planId, taskIds],
  )) as { id: string; title: string; due: string | null; responsible_member_id: string | null; who: string | null }[];
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const ordered = taskIds.map((id) => byId.get(id)).filter((t): t is (typeof tasks)[number] => Boolean(t));

  const [next] = (await tx.query(
    `SELECT starts_at, location FROM meetings
      WHERE plan_id = $1 AND deleted_at IS NULL AND id <> $2 AND status = 'planned'
        AND (id = $3 OR ($3::uuid IS NULL AND starts_at > now()))
      ORDER BY starts_at LIMIT 1`,
    [p.planId, p.meetingId, m.next_meeting_id],
  )) as { starts_at: Date; location: string }[];

  const corrected = m.closings > 1 ? 'true' : null;
  const link = `/planer/${p.planId}/mote/${p.meetingId}`;
  const members = await planMembersToTell(tx, p.planId);
  return members.map((r): NewNotification => {
    const recipient = r.accountId ? { accountId: r.accountId } : { email: r.email!, name: r.name };
    const dedupeKey = `meeting_summary:${p.meetingId}:${p.closing}:${r.memberId}`;
    if (!r.hasConsent)
      return {
        tenantId: p.tenantId,
        recipient,
        kind: 'meeting_closed',
        params: { planTitle: m.plan_title, corrected },
        link: `/planer/${p.planId}`,
        planId: p.planId,
        dedupeKey,
      };
    const mine = ordered.filter((t) => t.responsible_member_id === r.memberId);
    const myDue =
      mine
        .map((t) => t.due)
        .filter((d): d is string => Boolean(d))
        .sort()[0] ?? null;
    return {
      tenantId: p.tenantId,
      recipient,
      kind: 'meeting_summary',
      params: {
        meetingTitle: m.title,
        planTitle: m.plan_title,
        meetingStartsAt: m.starts_at.toISOString(),
        corrected,
        decisions: JSON.stringify(m.decisions.map((d) => d.text)),
        tasks: JSON.stringify(ordered.map((t): SummaryTask => ({ title: t.title, who: t.who, due: t.due }))),
        decisionCount: String(m.decisions.length),
        taskCount: String(ordered.length),
        myTaskCount: String(mine.length),
        myFirstDue: myDue,
        nextStartsAt: next?.starts_at.toISOString() ?? null,
        nextLocation: next?.location || null,
      },
      link,
      planId: p.planId,
      dedupeKey,
    };
  });
}
