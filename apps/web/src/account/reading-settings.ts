/**
 * The reading settings (larger text, plainer layout) apply to every page: they are set on <html>
 * as data attributes when the session loads and when they change; styles.css and the plan view
 * style from them (`html[data-text-size='large']`, `html[data-plain-layout='true']`).
 */
import type { TextSize } from '#contracts';
import './reading-settings.css';

export function applyReadingSettings(settings: { textSize: TextSize; plainLayout: boolean } | null): void {
  const html = document.documentElement;
  html.dataset.textSize = settings?.textSize ?? 'normal';
  html.dataset.plainLayout = String(settings?.plainLayout ?? false);
}
