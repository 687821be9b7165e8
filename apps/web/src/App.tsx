/** Routes. Deep links work because the api answers every unknown GET with index.html. */
import { BrowserRouter, Navigate, Route, Routes, useLocation, useParams } from 'react-router';
import type { ReactNode } from 'react';
import { Spinner } from '@digdir/designsystemet-react';
import { AccountRoutes } from './account/AccountRoutes';
import { ForgotPasswordPage } from './account/ForgotPasswordPage';
import { NewPasswordPage } from './account/NewPasswordPage';
import { AuthProvider, useAuth } from './api/auth';
import { Layout } from './components/Layout';
import { I18nProvider, useI18n } from './i18n';
import { KoordinerendeEnhetRoutes } from './koordinerende-enhet/KoordinerendeEnhetRoutes';
import { ReportNeedPage } from './koordinerende-enhet/ReportNeedPage';
import { NotificationsRoutes } from './notifications/NotificationsRoutes';
import { InvitationPage } from './screens/InvitationPage';
import { LoginCallbackPage } from './screens/LoginCallbackPage';
import { LoginPage } from './screens/LoginPage';
import { MeetingPage } from './screens/MeetingPage';
import { MyPlansPage } from './screens/MyPlansPage';
import { NotFoundPage } from './screens/NotFoundPage';
import { PlanPage } from './screens/PlanPage';

/** Links in notifications and e-mails point at a task or a journal entry: open the plan there. */
function PlanSectionRedirect({ section }: { section: 'goals' | 'journal' }) {
  const { planId = '' } = useParams();
  return <Navigate to={`/planer/${encodeURIComponent(planId)}#${section}`} replace />;
}

function RequireLogin({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  if (status === 'loading') return <Spinner aria-label={t('common.loading')} />;
  if (status === 'out') return <Navigate to={`/login?returnTo=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <>{children}</>;
}

export function App() {
  return (
    <I18nProvider>
      <AuthProvider>
        <BrowserRouter>
          <Layout>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route path="/login/callback" element={<LoginCallbackPage />} />
              <Route path="/glemt-passord" element={<ForgotPasswordPage />} />
              <Route path="/nytt-passord" element={<NewPasswordPage />} />
              <Route
                path="/konto/*"
                element={
                  <RequireLogin>
                    <AccountRoutes />
                  </RequireLogin>
                }
              />
              <Route path="/invitasjon/:token" element={<InvitationPage />} />
              <Route
                path="/"
                element={
                  <RequireLogin>
                    <MyPlansPage />
                  </RequireLogin>
                }
              />
              <Route
                path="/planer/:planId"
                element={
                  <RequireLogin>
                    <PlanPage />
                  </RequireLogin>
                }
              />
              <Route path="/planer/:planId/tiltak/:taskId" element={<PlanSectionRedirect section="goals" />} />
              <Route path="/planer/:planId/journal/:entryId" element={<PlanSectionRedirect section="journal" />} />
              <Route
                path="/planer/:planId/mote/:meetingId"
                element={
                  <RequireLogin>
                    <MeetingPage />
                  </RequireLogin>
                }
              />
              <Route
                path="/koordinerende-enhet/*"
                element={
                  <RequireLogin>
                    <KoordinerendeEnhetRoutes />
                  </RequireLogin>
                }
              />
              <Route
                path="/meld-behov"
                element={
                  <RequireLogin>
                    <ReportNeedPage />
                  </RequireLogin>
                }
              />
              <Route
                path="/varsler/*"
                element={
                  <RequireLogin>
                    <NotificationsRoutes />
                  </RequireLogin>
                }
              />
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          </Layout>
        </BrowserRouter>
      </AuthProvider>
    </I18nProvider>
  );
}
