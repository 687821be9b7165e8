/**
 * The plan as a calm, readable PDF, drawn with pdfkit (pure JavaScript, no browser): embedded
 * DejaVu Sans (æøå and most of Latin, Greek and Cyrillic), selectable text, a tagged structure
 * for screen readers (headings, paragraphs, lists; header and footer marked as artifacts), page
 * numbers, the plan's revision and the print date on every page. `large` is the large-text
 * variant; `archive` makes the PDF/A-2b archive copy with its XMP metadata (docs/exports.md).
 */
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import {
  INDIVIDUAL_PLAN_DOCUMENT_TYPE,
  PLAN_PERMISSIONS,
  type ConsentView,
  type GoalView,
  type MemberView,
  type TaskView,
} from '#contracts';
import { DOCUMENT_MESSAGES, fill, formatDate, formatDateTime } from './document-messages';
import { clean, latestRating, memberById, membersInOrder, type ExportSnapshot } from './export-snapshot';

export interface PdfOptions {
  large?: boolean;
  archive?: { reason: 'closed' | 'evaluated'; planId: string };
}

const requireFromHere = createRequire(__filename);
const FONT_REGULAR = requireFromHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = requireFromHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

interface Sizes {
  h1: number;
  h2: number;
  h3: number;
  body: number;
  small: number;
  gap: number;
}
const NORMAL: Sizes = { h1: 22, h2: 16, h3: 13, body: 11, small: 9, gap: 3 };
const LARGE: Sizes = { h1: 30, h2: 23, h3: 19, body: 17, small: 13, gap: 5 };

/** The archive copy's own XMP namespace, described as a PDF/A extension schema (ISO 19005-2, 6.6.2.3). */
const FP_NS = 'urn:fellesplan:xmp:archive:1#';

type Struct = PDFKit.PDFStructureElement;

/** Renders the plan; resolves with the whole file. */
export function renderPlanPdf(snapshot: ExportSnapshot, options: PdfOptions = {}): Promise<Buffer> {
  const { plan, language, madeAt } = snapshot;
  const t = DOCUMENT_MESSAGES[language];
  const size = options.large ? LARGE : NORMAL;
  const title = `${t.documentTitle}: ${clean(plan.personName)}`;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 64, bottom: 64, left: 64, right: 64 },
    bufferPages: true,
    autoFirstPage: true,
    pdfVersion: '1.7',
    tagged: true,
    lang: language === 'nb' ? 'nb-NO' : 'en-GB',
    displayTitle: true,
    font: FONT_REGULAR,
    ...(options.archive ? { subset: 'PDF/A-2b' as const } : {}),
    info: {
      Title: infoText(title),
      Author: infoText(snapshot.identity.tenantName || 'Fellesplan'),
      Subject: infoText(`${INDIVIDUAL_PLAN_DOCUMENT_TYPE.code} ${INDIVIDUAL_PLAN_DOCUMENT_TYPE.display}`),
      Keywords: infoText(`individuell plan; ${INDIVIDUAL_PLAN_DOCUMENT_TYPE.code}; revision ${plan.revision}`),
      Creator: 'Fellesplan',
      CreationDate: madeAt,
      ModDate: madeAt,
    },
  });
  // The regular face is the document's default font, cached under its path: naming it again under
  // another name would make pdfkit parse the font file anew on every switch back to it.
  doc.registerFont('bold', FONT_BOLD);
  if (options.archive) doc.appendXML(archiveXmp(snapshot, options.archive.reason, options.archive.planId));

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const w = new Writer(doc, size);
  const root = doc.struct('Document');
  doc.addStructure(root);

  // Title block
  w.heading(root, 'H1', t.documentTitle);
  w.para(root, fill(t.planFor, { name: clean(plan.personName) }), { bold: true });
  if (clean(plan.title)) w.para(root, clean(plan.title));
  w.para(
    root,
    `${t.status[plan.status]} · ${fill(t.revisionPrinted, { revision: plan.revision, date: formatDateTime(madeAt, language) })}`,
    {
      small: true,
    },
  );
  if (options.archive) w.para(root, t.archiveCopy, { small: true });
  const period =
    plan.periodStart || plan.periodEnd
      ? `${plan.periodStart ? formatDate(plan.periodStart, language) : '…'} – ${plan.periodEnd ? formatDate(plan.periodEnd, language) : '…'}`
      : t.notSet;
  w.labelled(root, t.planPeriod, period);
  w.labelled(root, t.nextEvaluation, plan.nextEvaluation ? formatDate(plan.nextEvaluation, language) : t.notSet);

  // What matters, in the person's own words
  for (const [heading, text] of [
    [t.whatMatters, plan.whatMatters],
    [t.resources, plan.resources],
    [t.needs, plan.needs],
    [t.cooperation, plan.cooperation],
  ] as const) {
    const sect = w.section(root);
    w.heading(sect, 'H2', heading);
    w.para(sect, clean(text) || t.nothingWritten);
    sect.end();
  }

  // Goals with their progress and tasks
  const members = memberById(plan);
  const goals = w.section(root);
  w.heading(goals, 'H2', t.goals);
  if (!plan.goals.length) w.para(goals, t.noGoals);
  plan.goals.forEach((goal, i) => writeGoal(w, goals, snapshot, goal, i + 1, members));
  const loose = plan.tasks.filter((task) => !task.goalId || !plan.goals.some((g) => g.id === task.goalId));
  if (loose.length) {
    w.heading(goals, 'H3', t.tasksWithoutGoal);
    writeTasks(w, goals, snapshot, loose, members);
  }
  goals.end();

  // The ansvarsgruppe
  const team = w.section(root);
  w.heading(team, 'H2', t.team);
  const list = w.list(team);
  for (const m of membersInOrder(plan)) {
    const item = w.item(list);
    const what = [t.role[m.role], clean(m.service), clean(m.organisation)].filter(Boolean).join(', ');
    w.para(item, `${clean(m.name)} – ${what}${m.status === 'invited' ? ` (${t.invited})` : ''}`, { bold: true });
    const contact = [clean(m.phone), clean(m.email)].filter(Boolean).join(' · ');
    if (contact) w.labelled(item, t.contact, contact);
    if (clean(m.contribution)) w.labelled(item, t.contribution, clean(m.contribution));
    item.end();
  }
  list.end();
  team.end();

  // Consent
  const consent = w.section(root);
  w.heading(consent, 'H2', t.consent);
  writeConsent(w, consent, snapshot);
  consent.end();

  // Meetings with their decisions
  const meetings = w.section(root);
  w.heading(meetings, 'H2', t.meetings);
  if (!plan.meetings.length) w.para(meetings, t.noMeetings);
  for (const meeting of [...plan.meetings].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
    w.heading(meetings, 'H3', `${clean(meeting.title) || t.meetings} – ${formatDateTime(meeting.startsAt, language)}`);
    const place = [clean(meeting.location), clean(meeting.videoUrl)].filter(Boolean).join(' · ');
    w.para(meetings, `${t.meetingStatus[meeting.status]}${place ? ` · ${t.place}: ${place}` : ''}`, { small: true });
    if (meeting.agenda.length) {
      w.para(meetings, t.agenda, { bold: true });
      w.bullets(
        meetings,
        meeting.agenda.map((a) => clean(a.title)),
      );
    }
    const present = meeting.attendees.map((id) => clean(plan.members.find((m) => m.id === id)?.name)).filter(Boolean);
    if (present.length) w.labelled(meetings, t.present, present.join(', '));
    if (clean(meeting.minutes)) w.labelled(meetings, t.minutes, clean(meeting.minutes));
    if (meeting.closedAt && meeting.closedBy)
      w.para(meetings, fill(t.minutesApproved, { name: clean(meeting.closedBy.name), date: formatDate(meeting.closedAt, language) }), {
        small: true,
      });
    w.para(meetings, t.decisions, { bold: true });
    if (meeting.decisions.length)
      w.bullets(
        meetings,
        meeting.decisions.map((d) => clean(d.text)),
      );
    else w.para(meetings, t.noDecisions);
  }
  meetings.end();
  root.end();

  w.pageFurniture(title, fill(t.revisionPrinted, { revision: plan.revision, date: formatDate(madeAt, language) }), (page, pages) =>
    fill(t.page, { page, pages }),
  );
  doc.end();
  return done;
}

function writeGoal(w: Writer, parent: Struct, s: ExportSnapshot, goal: GoalView, n: number, members: Map<string, MemberView>): void {
  const t = DOCUMENT_MESSAGES[s.language];
  const tasks = s.plan.tasks.filter((task) => task.goalId === goal.id);
  const done = tasks.filter((task) => task.status === 'done').length;
  w.heading(parent, 'H3', `${n}. ${clean(goal.title)}`);
  const facts = [
    t.lifeArea[goal.lifeArea],
    t.goalStatus[goal.status],
    goal.targetDate ? `${t.targetDate}: ${formatDate(goal.targetDate, s.language)}` : null,
    tasks.length ? fill(t.progress, { done, total: tasks.length }) : null,
  ].filter(Boolean);
  w.para(parent, facts.join(' · '), { small: true });
  const rating = latestRating(s, goal.id);
  if (rating) {
    const words = t.gas[rating.rating] + (clean(rating.comment) ? ` – «${clean(rating.comment)}»` : '');
    w.para(parent, fill(t.latestRating, { date: formatDate(rating.date, s.language), words }));
  }
  if (clean(goal.description)) w.para(parent, clean(goal.description));
  if (tasks.length) writeTasks(w, parent, s, tasks, members);
  else w.para(parent, t.noTasks);
}

function writeTasks(w: Writer, parent: Struct, s: ExportSnapshot, tasks: TaskView[], members: Map<string, MemberView>): void {
  const t = DOCUMENT_MESSAGES[s.language];
  const list = w.list(parent);
  for (const task of tasks) {
    const item = w.item(list);
    w.para(item, `${clean(task.title)} (${t.taskStatus[task.status]})`, { bold: true });
    const who = task.responsibleMemberId ? members.get(task.responsibleMemberId) : undefined;
    w.labelled(item, t.taskWho, who ? `${clean(who.name)} (${t.role[who.role].toLowerCase()})` : t.nobody);
    if (clean(task.how)) w.labelled(item, t.taskHow, clean(task.how));
    if (clean(task.scope)) w.labelled(item, t.taskScope, clean(task.scope));
    if (task.startDate || task.dueDate)
      w.labelled(
        item,
        t.taskWhen,
        `${task.startDate ? formatDate(task.startDate, s.language) : '…'} – ${task.dueDate ? formatDate(task.dueDate, s.language) : '…'}`,
      );
    item.end();
  }
  list.end();
}

function writeConsent(w: Writer, parent: Struct, s: ExportSnapshot): void {
  const t = DOCUMENT_MESSAGES[s.language];
  const consents = s.plan.consents;
  if (!consents) {
    w.para(parent, t.consentNotShown);
    return;
  }
  const state = (records: ConsentView[]): string => {
    const inForce = records.find((c) => !c.revokedAt);
    if (inForce)
      return fill(t.consentGiven, {
        date: formatDate(inForce.givenAt, s.language),
        name: clean(inForce.givenByName),
        form: t.consentForm[inForce.form],
      });
    const last = records.at(-1);
    return last?.revokedAt ? fill(t.consentRevoked, { date: formatDate(last.revokedAt, s.language) }) : t.consentMissing;
  };
  w.labelled(parent, t.consentToPlan, state(consents.filter((c) => c.kind === 'plan')));
  for (const m of membersInOrder(s.plan).filter((member) => PLAN_PERMISSIONS[member.role].requiresConsent)) {
    w.labelled(
      parent,
      fill(t.consentToMember, { name: clean(m.name) }),
      state(consents.filter((c) => c.kind === 'member_access' && c.memberId === m.id)),
    );
  }
}

/** Keeps the drawing of one document: sizes, fonts, tagging and page breaks in one place. */
class Writer {
  private readonly width: number;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly size: Sizes,
  ) {
    this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  }

  section(parent: Struct): Struct {
    const sect = this.doc.struct('Sect');
    parent.add(sect);
    return sect;
  }

  list(parent: Struct): Struct {
    const list = this.doc.struct('L');
    parent.add(list);
    return list;
  }

  item(list: Struct): Struct {
    const item = this.doc.struct('LI');
    list.add(item);
    this.doc.moveDown(0.3);
    return item;
  }

  heading(parent: Struct, tag: 'H1' | 'H2' | 'H3', text: string): void {
    const fontSize = tag === 'H1' ? this.size.h1 : tag === 'H2' ? this.size.h2 : this.size.h3;
    // A heading is not left alone at the foot of a page.
    this.keepRoom(fontSize * 3 + this.size.body * 3);
    this.doc.moveDown(tag === 'H3' ? 0.6 : 0.9);
    this.doc.font('bold').fontSize(fontSize).fillColor('#1a1a1a').text(text, this.doc.page.margins.left, undefined, {
      width: this.width,
      structParent: parent,
      structType: tag,
      lineGap: this.size.gap,
    });
    this.doc.moveDown(0.25);
  }

  para(parent: Struct, text: string, opts: { bold?: boolean; small?: boolean } = {}): void {
    this.doc
      .font(opts.bold ? 'bold' : FONT_REGULAR)
      .fontSize(opts.small ? this.size.small : this.size.body)
      .fillColor(opts.small ? '#444444' : '#1a1a1a')
      .text(text, this.doc.page.margins.left, undefined, {
        width: this.width,
        structParent: parent,
        structType: 'P',
        lineGap: this.size.gap,
      });
  }

  /** "Label: value" as one paragraph, the label in bold. */
  labelled(parent: Struct, label: string, value: string): void {
    this.doc
      .fillColor('#1a1a1a')
      .fontSize(this.size.body)
      .font('bold')
      .text(`${label}: `, this.doc.page.margins.left, undefined, {
        width: this.width,
        continued: true,
        structParent: parent,
        structType: 'P',
        lineGap: this.size.gap,
      })
      .font(FONT_REGULAR)
      .text(value, { lineGap: this.size.gap });
  }

  bullets(parent: Struct, items: string[]): void {
    const list = this.list(parent);
    for (const text of items) {
      const item = this.item(list);
      this.doc
        .font(FONT_REGULAR)
        .fontSize(this.size.body)
        .fillColor('#1a1a1a')
        .text(`• ${text}`, this.doc.page.margins.left + this.size.body, undefined, {
          width: this.width - this.size.body,
          structParent: item,
          structType: 'LBody',
          lineGap: this.size.gap,
        });
      item.end();
    }
    list.end();
  }

  /** The running header and footer of every page, marked as artifacts (not read out as content). */
  pageFurniture(title: string, revision: string, pageLabel: (page: number, pages: number) => string): void {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const { margins, height } = this.doc.page;
      const bottom = margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.doc.markContent('Artifact', { type: 'Pagination' });
      this.doc
        .font(FONT_REGULAR)
        .fontSize(this.size.small)
        .fillColor('#444444')
        .text(title, margins.left, 28, { width: this.width, lineBreak: false, ellipsis: true });
      this.doc.text(`${revision} · ${pageLabel(i + 1, range.count)}`, margins.left, height - 40, {
        width: this.width,
        align: 'center',
        lineBreak: false,
      });
      this.doc.endMarkedContent();
      this.doc.page.margins.bottom = bottom;
    }
  }

  private keepRoom(points: number): void {
    if (this.doc.y + points > this.doc.page.height - this.doc.page.margins.bottom) this.doc.addPage();
  }
}

/** pdfkit writes the Info values into the XMP packet unescaped: keep them free of XML syntax. */
function infoText(text: string): string {
  return clean(text).replace(/&/g, '+').replace(/[<>"]/g, '');
}

function xml(text: string): string {
  return clean(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The archive copy's own metadata: document type 9602, the person, the plan revision and the date. */
function archiveXmp(s: ExportSnapshot, reason: 'closed' | 'evaluated', planId: string): string {
  const properties: [string, string, string][] = [
    ['documentTypeCode', INDIVIDUAL_PLAN_DOCUMENT_TYPE.code, 'Document type code in Norwegian document sharing'],
    ['documentTypeName', INDIVIDUAL_PLAN_DOCUMENT_TYPE.display, 'Document type name'],
    ['person', s.plan.personName, 'The person the plan is for'],
    ['planId', planId, 'The plan identifier in Fellesplan'],
    ['planRevision', String(s.plan.revision), 'The plan revision this copy holds'],
    ['archivedAt', s.madeAt.toISOString(), 'When the copy was made'],
    ['reason', reason, 'Why the copy was made: closed or evaluated'],
  ];
  const schema = properties
    .map(
      ([name, , description]) => `<rdf:li rdf:parseType="Resource">
            <pdfaProperty:name>${name}</pdfaProperty:name>
            <pdfaProperty:valueType>Text</pdfaProperty:valueType>
            <pdfaProperty:category>external</pdfaProperty:category>
            <pdfaProperty:description>${xml(description)}</pdfaProperty:description>
          </rdf:li>`,
    )
    .join('\n');
  const values = properties.map(([name, value]) => `<fp:${name}>${xml(value)}</fp:${name}>`).join('\n');
  return `
        <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
          <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
            <pdfaSchema:schema>Fellesplan archive copy</pdfaSchema:schema>
            <pdfaSchema:namespaceURI>${FP_NS}</pdfaSchema:namespaceURI>
            <pdfaSchema:prefix>fp</pdfaSchema:prefix>
            <pdfaSchema:property><rdf:Seq>
          ${schema}
            </rdf:Seq></pdfaSchema:property>
          </rdf:li></rdf:Bag></pdfaExtension:schemas>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:fp="${FP_NS}">
          ${values}
        </rdf:Description>`;
}
