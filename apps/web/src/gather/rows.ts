/** Invitation rows (name, phone or e-mail, role): what they send, what is wrong with them, the last role chosen. */
import { parseContact, type PlanRole } from '#contracts';
import type { GatherTranslate } from './i18n';

export interface InviteRow {
  key: string;
  name: string;
  contact: string;
  role: PlanRole;
}

export interface InviteBody {
  name: string;
  role: PlanRole;
  email?: string;
  phone?: string;
}

const LAST_ROLE = 'fellesplan.invite.lastRole';

/** The role chosen last on this device, if it is one of `roles`; else the first of them. */
export function lastRole(roles: PlanRole[], fallback: PlanRole): PlanRole {
  try {
    const stored = localStorage.getItem(LAST_ROLE) as PlanRole | null;
    if (stored && roles.includes(stored)) return stored;
  } catch {
    // Storage blocked: no memory, the default.
  }
  return roles.includes(fallback) ? fallback : (roles[0] ?? fallback);
}

export function rememberRole(role: PlanRole): void {
  try {
    localStorage.setItem(LAST_ROLE, role);
  } catch {
    // Storage blocked: not remembered.
  }
}

let counter = 0;
export function newRow(role: PlanRole): InviteRow {
  return { key: `row-${Date.now()}-${counter++}`, name: '', contact: '', role };
}

export const isBlank = (r: InviteRow) => !r.name.trim() && !r.contact.trim();

/** The rows to send (blank ones left out) and, per row, what is wrong (one sentence each). */
export function checkRows(rows: InviteRow[], g: GatherTranslate): { bodies: { row: InviteRow; body: InviteBody }[]; errors: string[] } {
  const bodies: { row: InviteRow; body: InviteBody }[] = [];
  const errors: string[] = [];
  rows.forEach((row, i) => {
    if (isBlank(row)) return;
    const n = i + 1;
    if (!row.name.trim()) errors.push(g('rows.error.name', { n }));
    const contact = parseContact(row.contact);
    if (!row.contact.trim()) errors.push(g('rows.error.contact', { n }));
    else if (!contact) errors.push(g('rows.error.contactInvalid', { n }));
    if (row.name.trim() && contact) bodies.push({ row, body: { name: row.name.trim(), role: row.role, ...contact } });
  });
  return { bodies, errors };
}
