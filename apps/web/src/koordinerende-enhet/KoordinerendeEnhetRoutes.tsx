/**
 * Koordinerende enhet's screens under /koordinerende-enhet: the overview, plans, reported needs
 * (one need at /meldinger/:needId, where its notifications link) and training. A need is also
 * readable by the one who reported it, so that route checks no role; the others do.
 */
import { Route, Routes } from 'react-router';
import type { ReactNode } from 'react';
import { NotFoundPage } from '../screens/NotFoundPage';
import { RequireTenantAction } from './access';
import { useKeI18n } from './i18n';
import { NeedPage } from './NeedPage';
import { NeedsQueuePage } from './NeedsQueuePage';
import { OverviewPage } from './OverviewPage';
import { SectionFrame } from './parts';
import { PlansPage } from './PlansPage';
import { StaffPage } from './StaffPage';
import { TrainingPage } from './TrainingPage';

function ForKoordinerendeEnhet({ children }: { children: ReactNode }) {
  const { t } = useKeI18n();
  return (
    <RequireTenantAction action="overview.read" message={t('common.noAccess')}>
      {children}
    </RequireTenantAction>
  );
}

export function KoordinerendeEnhetRoutes() {
  return (
    <Routes>
      <Route
        index
        element={
          <ForKoordinerendeEnhet>
            <OverviewPage />
          </ForKoordinerendeEnhet>
        }
      />
      <Route
        path="planer"
        element={
          <ForKoordinerendeEnhet>
            <PlansPage />
          </ForKoordinerendeEnhet>
        }
      />
      <Route
        path="meldinger"
        element={
          <ForKoordinerendeEnhet>
            <NeedsQueuePage />
          </ForKoordinerendeEnhet>
        }
      />
      <Route path="meldinger/:needId" element={<NeedPage />} />
      <Route
        path="opplaering"
        element={
          <ForKoordinerendeEnhet>
            <TrainingPage />
          </ForKoordinerendeEnhet>
        }
      />
      <Route path="ansatte" element={<StaffPage />} />
      <Route
        path="*"
        element={
          <SectionFrame>
            <NotFoundPage />
          </SectionFrame>
        }
      />
    </Routes>
  );
}
