/** Folk: the ansvarsgruppe, consent and who has looked at the plan (loaded when opened). */
import { usePlan } from '../live/context';
import { AccessLogSection } from './AccessLogSection';
import { ConsentSection } from './ConsentSection';
import { MembersSection } from './MembersSection';

export default function PeopleTab({ showAccessLog }: { showAccessLog: boolean }) {
  const plan = usePlan();
  return (
    <>
      <MembersSection />
      {plan.consents && <ConsentSection />}
      {showAccessLog && <AccessLogSection />}
    </>
  );
}
