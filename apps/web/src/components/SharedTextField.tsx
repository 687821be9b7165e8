/**
 * A free-text field several people write in at once (shared text, docs/conflicts.md): a plain
 * textarea bound to a Yjs text over the plan's socket. Until it first gets focus it shows the
 * plan's value and loads nothing; on focus it loads the editor (a dynamic import: yjs is not in
 * the initial bundle) and stays live while on screen. Others' carets and selections show by name;
 * a screen reader hears "Kari Nilsen endret referatet" at most every few seconds, never per
 * keystroke. Reconnecting or coming back online merges what was typed meanwhile.
 */
import { Field, Label, Textarea } from '@digdir/designsystemet-react';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { SharedTextEntityType } from '#contracts';
import { useAuth } from '../api/auth';
import { readSession } from '../api/session';
import { useI18n } from '../i18n';
import { newMutationId } from '../live/edits';
import { useField, useLivePlan } from '../live/context';
import { dropTyped, keepTyped, keptUpdateKey, readTyped } from '../live/kept-text';
import type { EditableType } from '../live/edits';
import type { RemoteCaret, SharedTextBinding } from '../live/shared-text-binding';
import type { SharedTextSocket } from '../../../../libs/contracts/src/shared-text-sync';
import { PresenceMarker } from './PresenceMarker';

type Phase = 'idle' | 'loading' | 'opening' | 'live' | 'saving' | 'offline' | 'refused' | 'readonly';

interface Props {
  entityType: SharedTextEntityType;
  entityId: string;
  field: string;
  label: string;
  description?: string;
  value: string | null;
  readOnly?: boolean;
  rows?: number;
  className?: string;
  /** Where presence shows this editor, when its entity is not a plan entity of its own (an agenda item is a part of its meeting). */
  presence?: { entityType: EditableType; entityId: string; field: string };
  /** The text as this device has it, and whether the server has stored all of it (e.g. to post the journal draft). */
  onState?: (text: string, stored: boolean) => void;
}

/** The shared texts whose column a plain PATCH of its entity writes (the keepalive fallback below). */
const PATCHABLE = new Set<SharedTextEntityType>(['plan', 'goal', 'task', 'meeting']);

/** The field's save status in AutoField's terms (data-save-status). */
const SAVE_STATUS: Record<Phase, string> = {
  idle: 'saved',
  loading: 'saving',
  opening: 'saving',
  live: 'saved',
  saving: 'saving',
  offline: 'unsaved',
  refused: 'error',
  readonly: 'saved',
};

/** Screen-reader announcements of remote edits: at most one per this many ms. */
const ANNOUNCE_EVERY_MS = 4000;
const CARET_COLORS = ['#b3261e', '#1b6e3a', '#6a3fb5', '#a05a00', '#00658f'];

export function SharedTextField(props: Props) {
  const { entityType, entityId, field, label, description, readOnly = false, rows = 3 } = props;
  const { t } = useI18n();
  const { live } = useLivePlan();
  const accountId = useAuth().me?.id ?? 'anon';
  const ref = useMemo(() => ({ planId: live.planId, entityType, entityId, field }), [live.planId, entityType, entityId, field]);
  const where = props.presence ?? { entityType: entityType as EditableType, entityId, field };
  const presence = useField<string | null>(where.entityType, where.entityId, where.field, props.value);
  const onState = useRef(props.onState);
  onState.current = props.onState;
  const id = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const mirror = useRef<HTMLDivElement>(null);
  const binding = useRef<SharedTextBinding | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const phaseRef = useRef<Phase>('idle');
  phaseRef.current = phase;
  const [carets, setCarets] = useState<RemoteCaret[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const editedBy = useRef(new Set<string>());
  const announceTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [shown, setShown] = useState(props.value ?? '');

  // Before the editor opens, the field follows the plan's value (unless it holds text typed here).
  useEffect(() => {
    if (!binding.current && textarea.current && document.activeElement !== textarea.current && !readTyped(accountId, ref))
      textarea.current.value = props.value ?? '';
  }, [props.value, accountId, ref]);

  const announce = useCallback(
    (name: string) => {
      editedBy.current.add(name);
      if (announceTimer.current) return;
      announceTimer.current = setTimeout(() => {
        announceTimer.current = null;
        const names = [...editedBy.current].join(', ');
        editedBy.current.clear();
        setAnnouncement(t('sharedText.remoteEdit', { names, field: label }));
      }, ANNOUNCE_EVERY_MS);
    },
    [label, t],
  );

  const initialValue = useRef('');
  /** Text typed here before, kept on the device (the field shows it, and it is applied when the document opens). */
  const restored = useRef(false);
  const start = useCallback(async () => {
    if (binding.current || readOnly || !textarea.current) return;
    if (phase === 'idle' && !restored.current) initialValue.current = textarea.current.value;
    setPhase('loading');
    let bindTextarea: typeof import('../live/shared-text-binding').bindTextarea;
    try {
      ({ bindTextarea } = await loadEditor());
    } catch {
      // Offline before the editor ever loaded: typing goes on in the plain field, applied when it opens.
      loading = null;
      setPhase('offline');
      return;
    }
    const socket = live.currentSocket;
    if (!textarea.current || binding.current) return;
    if (!socket) {
      setPhase('offline');
      return;
    }
    binding.current = bindTextarea(
      accountId,
      socket as unknown as SharedTextSocket,
      { planId: live.planId, entityType, entityId, field },
      textarea.current,
      initialValue.current,
      {
        onTypedApplied: () => {
          restored.current = false;
          dropTyped(accountId, ref);
        },
        onStatus: (status, unsaved) => {
          if (status === 'refused') setPhase('refused');
          else if (status === 'offline') setPhase('offline');
          else if (status === 'opening') setPhase('opening');
          else if (!binding.current?.writable) setPhase('readonly');
          else setPhase(unsaved ? 'saving' : 'live');
          if (textarea.current) setShown(textarea.current.value);
          if (textarea.current) onState.current?.(textarea.current.value, status === 'live' && !unsaved);
        },
        onRemoteEdit: (event) => {
          if (event.by.name) announce(event.by.name);
          if (textarea.current) setShown(textarea.current.value);
          if (textarea.current) onState.current?.(textarea.current.value, !binding.current?.unsaved);
        },
        onCarets: setCarets,
      },
    );
  }, [announce, entityId, entityType, field, live, readOnly, phase, accountId, ref]);

  // Text this device kept (typed before the document opened, or edits not yet stored), from an
  // earlier visit: shown, and the editor opens at once to send it, without waiting for focus.
  useEffect(() => {
    if (readOnly || !textarea.current) return;
    const typed = readTyped(accountId, ref);
    if (typed && typed.text === (props.value ?? '')) dropTyped(accountId, ref);
    else if (typed) {
      restored.current = true;
      initialValue.current = typed.base;
      textarea.current.value = typed.text;
      setShown(typed.text);
    }
    let kept = false;
    try {
      kept = localStorage.getItem(keptUpdateKey(accountId, ref)) !== null;
    } catch {
      // Storage blocked: nothing kept.
    }
    if (restored.current || kept) void start();
    // Once, when the field first shows.
  }, []);

  // Once the page has settled, the editor is fetched ahead of need, so that it opens offline too.
  useEffect(() => {
    if (readOnly) return;
    const timer = setTimeout(() => void loadEditor().catch(() => undefined), 2000);
    return () => clearTimeout(timer);
  }, [readOnly]);

  useEffect(() => {
    const off = live.onReconnected(() => {
      if (binding.current) binding.current.reopen();
      else if (phase === 'offline') void start();
    });
    return () => {
      off();
    };
  }, [live, phase, start]);

  // The page is going away (tab closed, app switched) with text the server has not stored: updates
  // not yet acknowledged, or the editor not open yet. Either goes out with a keepalive request,
  // which outlives the page; it also stays on the device.
  useEffect(() => {
    if (readOnly) return;
    const onHide = () => {
      const ta = textarea.current;
      const token = readSession()?.accessToken;
      if (!ta || !token) return;
      const base = `/api/plans/${live.planId}`;
      const opened = binding.current && phaseRef.current !== 'opening' && phaseRef.current !== 'loading';
      if (opened) {
        // In the shared document, not yet acknowledged: the same Yjs update goes once more over
        // HTTP (applied twice, it is applied once), so it is stored even if the socket's copy
        // never arrives. Also kept on the device (the binding's destroy).
        const update = binding.current?.unstoredUpdate();
        if (!update) return;
        try {
          void fetch(`${base}/shared-text/updates`, {
            method: 'POST',
            keepalive: true,
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ entityType, entityId, field, update }),
          }).catch(() => undefined);
        } catch {
          // Too large for keepalive (64 KB): kept in localStorage for the next visit.
        }
        return;
      }
      // Text that never reached a shared document (the editor was not open yet): an ordinary
      // field write, which the server merges into the shared document. Only for fields with a
      // column of their own; agenda items and the journal note stay on the device.
      if (!PATCHABLE.has(entityType) || ta.value === (props.value ?? '')) return;
      try {
        void fetch(entityType === 'plan' ? base : `${base}/${entityType}s/${entityId}`, {
          method: 'PATCH',
          keepalive: true,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ baseRevision: live.revision, clientMutationId: newMutationId(), [field]: ta.value }),
        }).catch(() => undefined);
      } catch {
        // Too large for keepalive (64 KB): the Yjs update is kept in localStorage for the next visit.
      }
    };
    window.addEventListener('pagehide', onHide);
    return () => window.removeEventListener('pagehide', onHide);
  }, [entityId, entityType, field, live, props.value, readOnly]);

  useEffect(
    () => () => {
      binding.current?.destroy();
      binding.current = null;
      if (announceTimer.current) clearTimeout(announceTimer.current);
    },
    [],
  );

  // The mirror behind the carets takes the textarea's box and font.
  useEffect(() => {
    const ta = textarea.current;
    const m = mirror.current;
    if (!ta || !m || !carets.length) return;
    const cs = getComputedStyle(ta);
    for (const p of ['font', 'lineHeight', 'letterSpacing', 'padding', 'borderWidth', 'boxSizing', 'wordSpacing', 'tabSize'] as const)
      m.style[p] = cs[p];
    m.style.top = `${ta.offsetTop}px`;
    m.style.left = `${ta.offsetLeft}px`;
    m.style.width = `${ta.offsetWidth}px`;
    m.style.height = `${ta.offsetHeight}px`;
    m.scrollTop = ta.scrollTop;
  });

  const writable = !readOnly && phase !== 'refused' && phase !== 'readonly';
  const busy = phase === 'loading' || phase === 'opening';
  const status = statusText(phase, t);
  const text = shown;
  const ordered = [...carets].sort((a, b) => a.head - b.head);
  const segments: React.ReactNode[] = [];
  let at = 0;
  ordered.forEach((c, i) => {
    const head = Math.min(c.head, text.length);
    segments.push(text.slice(at, head));
    segments.push(
      <span key={c.deviceId} className="remote-caret" style={{ ['--caret' as string]: CARET_COLORS[i % CARET_COLORS.length] }}>
        <span className="remote-caret-name">{c.name}</span>
      </span>,
    );
    at = head;
  });
  segments.push(text.slice(at));

  return (
    <div
      className={`auto-field shared-text ${props.className ?? ''}`}
      data-field={presence.key}
      data-shared-text={phase}
      data-save-status={SAVE_STATUS[phase]}
      data-editing={presence.editors.length ? 'true' : undefined}
    >
      <Field>
        <Label htmlFor={id}>{label}</Label>
        {description && <Field.Description>{description}</Field.Description>}
        <div className="shared-text-box">
          <Textarea
            id={id}
            ref={textarea}
            rows={rows}
            defaultValue={props.value ?? ''}
            readOnly={!writable}
            aria-busy={busy || undefined}
            aria-describedby={`${id}-status`}
            onFocus={() => {
              presence.focus();
              void start();
            }}
            onBlur={() => presence.blur()}
            onChange={(e) => {
              setShown(e.target.value);
              // Not in an open document yet: kept on the device as typed, until it is.
              if (!binding.current?.opened) keepTyped(accountId, ref, { base: initialValue.current, text: e.target.value });
              onState.current?.(e.target.value, false);
            }}
            onScroll={() => {
              if (mirror.current && textarea.current) mirror.current.scrollTop = textarea.current.scrollTop;
            }}
          />
          {carets.length > 0 && (
            <div className="shared-text-mirror" ref={mirror} aria-hidden="true">
              {segments}
            </div>
          )}
        </div>
      </Field>
      <div className="field-meta" id={`${id}-status`}>
        {status && (
          <span className={`save-indicator shared-text-status shared-text-${phase}`} data-testid="shared-text-status">
            <span aria-hidden="true" className="save-dot" />
            {status}
          </span>
        )}
        <PresenceMarker editors={presence.editors} />
        {carets.length > 0 && (
          <span className="visually-hidden">{t('sharedText.writingHere', { names: carets.map((c) => c.name).join(', ') })}</span>
        )}
      </div>
      <div className="visually-hidden" aria-live="polite" data-testid="shared-text-announcement">
        {announcement}
      </div>
    </div>
  );
}

let loading: Promise<typeof import('../live/shared-text-binding')> | null = null;
/** The editor (and yjs) as a separate chunk, loaded once. */
function loadEditor() {
  return (loading ??= import('../live/shared-text-binding'));
}

function statusText(phase: Phase, t: ReturnType<typeof useI18n>['t']): string | null {
  switch (phase) {
    case 'idle':
      return null;
    case 'loading':
    case 'opening':
      return t('sharedText.connecting');
    case 'live':
      return t('save.saved');
    case 'saving':
      return t('save.saving');
    case 'offline':
      return t('sharedText.offline');
    case 'refused':
      return t('sharedText.refused');
    case 'readonly':
      return t('sharedText.readOnly');
  }
}
