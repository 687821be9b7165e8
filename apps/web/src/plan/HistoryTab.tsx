/** Historikk: the journal, every change, and what was removed (loaded when opened). */
import { HistorySection } from './HistorySection';
import { JournalSection } from './JournalSection';

export default function HistoryTab() {
  return (
    <>
      <JournalSection />
      <HistorySection />
    </>
  );
}
