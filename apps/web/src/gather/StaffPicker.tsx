/**
 * Staff picked from the municipality's directory by typing part of a name: the matches are
 * buttons showing service and organisation; picking one clears the field and keeps focus in it,
 * for the next one.
 */
import { Button, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useRef, useState } from 'react';
import type { DirectoryEntry } from '#contracts';
import { useGatherI18n } from './i18n';
import { staffDetails, useStaffSearch } from './search';

export interface StaffPickerProps {
  planId?: string;
  /** Already in the group or picked: not offered again. */
  exclude: string[];
  onPick(entry: DirectoryEntry): void | Promise<void>;
  label?: string;
}

export function StaffPicker({ planId, exclude, onPick, label }: StaffPickerProps) {
  const { g } = useGatherI18n();
  const [query, setQuery] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const search = useStaffSearch(query, planId);
  const offered = search.results.filter((e) => !exclude.includes(e.accountId));
  return (
    <div className="people-search stack-sm" data-picker="staff">
      <Textfield
        ref={input}
        label={label ?? g('staff.search')}
        description={g('staff.searchHint')}
        autoComplete="off"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <Paragraph data-size="sm" role="status" className="search-status">
        {search.searching ? g('search.searching') : search.answered !== null ? g('search.results', { count: offered.length }) : ''}
      </Paragraph>
      {offered.length > 0 && (
        <ul className="search-results">
          {offered.map((e) => (
            <li key={e.accountId}>
              <Button
                variant="secondary"
                className="search-result"
                data-account-id={e.accountId}
                onClick={() => {
                  void Promise.resolve(onPick(e)).then(() => {
                    setQuery('');
                    input.current?.focus();
                  });
                }}
              >
                <span className="result-name">{g('staff.add', { name: e.name })}</span>
                {staffDetails(e) && <span className="result-details">{staffDetails(e)}</span>}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
