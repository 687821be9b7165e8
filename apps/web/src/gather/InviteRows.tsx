/**
 * Relatives and others outside the municipality, one row each (name, phone or e-mail, role),
 * as many as needed in one submit. A new row takes the role chosen last and gets the focus.
 */
import { Button, Field, Fieldset, Label, Select, Textfield } from '@digdir/designsystemet-react';
import { useEffect, useId, useRef } from 'react';
import type { PlanRole } from '#contracts';
import { useI18n } from '../i18n';
import { useGatherI18n } from './i18n';
import { lastRole, newRow, rememberRole, type InviteRow } from './rows';

export interface InviteRowsProps {
  rows: InviteRow[];
  onChange(rows: InviteRow[]): void;
  roles: PlanRole[];
  legend?: string;
}

export function InviteRows({ rows, onChange, roles, legend }: InviteRowsProps) {
  const { g } = useGatherI18n();
  const { t } = useI18n();
  const id = useId();
  const focusKey = useRef<string | null>(null);
  useEffect(() => {
    if (!focusKey.current) return;
    document.getElementById(`${id}-${focusKey.current}-name`)?.focus();
    focusKey.current = null;
  }, [rows, id]);
  const update = (key: string, patch: Partial<InviteRow>) => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <Fieldset className="invite-rows stack-sm">
      <Fieldset.Legend>{legend ?? g('rows.legend')}</Fieldset.Legend>
      {rows.map((row, i) => (
        <div key={row.key} className="invite-row" role="group" aria-label={g('rows.rowLabel', { n: i + 1 })} data-row={i + 1}>
          <Textfield
            id={`${id}-${row.key}-name`}
            label={g('rows.name')}
            autoComplete="off"
            value={row.name}
            onChange={(e) => update(row.key, { name: e.target.value })}
          />
          <Textfield
            label={g('rows.contact')}
            autoComplete="off"
            value={row.contact}
            onChange={(e) => update(row.key, { contact: e.target.value })}
          />
          <Field>
            <Label htmlFor={`${id}-${row.key}-role`}>{g('rows.role')}</Label>
            <Select
              id={`${id}-${row.key}-role`}
              value={row.role}
              onChange={(e) => {
                const role = e.target.value as PlanRole;
                rememberRole(role);
                update(row.key, { role });
              }}
            >
              {roles.map((r) => (
                <Select.Option key={r} value={r}>
                  {t(`role.${r}`)}
                </Select.Option>
              ))}
            </Select>
          </Field>
          {rows.length > 1 && (
            <Button
              variant="tertiary"
              className="row-remove"
              aria-label={g('rows.removeRow', { n: i + 1 })}
              onClick={() => {
                const next = rows.filter((r) => r.key !== row.key);
                onChange(next);
                // Focus to the row that took this one's place, or the one before.
                focusKey.current = (next[i] ?? next[i - 1])?.key ?? null;
              }}
            >
              {g('rows.remove')}
            </Button>
          )}
        </div>
      ))}
      <div>
        <Button
          variant="secondary"
          onClick={() => {
            const row = newRow(lastRole(roles, rows[rows.length - 1]?.role ?? 'relative'));
            focusKey.current = row.key;
            onChange([...rows, row]);
          }}
        >
          {g('rows.addRow')}
        </Button>
      </div>
    </Fieldset>
  );
}
