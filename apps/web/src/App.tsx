/**
 * Routes. Deep links work because the api answers every unknown GET with index.html. Screens
 * other than login, home and the plan load when first opened (React.lazy), so a phone fetches
 * little before the person's plan shows.
 */
import { BrowserRouter, Navigate, Route, Routes, useLocation, useParams } from 'react-router';
import { lazy, Suspense, type ReactNode } from 'react';
import { Spinner } from '@digdir/designsystemet-react';
import { AuthProvider, useAuth } from './api/auth';
import { Layout } from './components/Layout';
import { I18nProvider, useI18n } from './i18n';
import { NotFoundPage } from './screens/NotFoundPage';
import { PlanPage } from './screens/PlanPage';
import { loadHome, loadLogin } from './screens/route-chunks';

const named = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));
// The home and the login screen are chunks of their own (main.tsx starts the one the address needs
// at once): the person's plan, the screen a phone must show fastest, does not wait for them.
const LoginPage = named(loadLogin, 'LoginPage');
const MyPlansPage = named(loadHome, 'MyPlansPage');
const KoordinerendeEnhetRoutes = named(() => import('./koordinerende-enhet/KoordinerendeEnhetRoutes'), 'KoordinerendeEnhetRoutes');
const ReportNeedPage = named(() => import('./koordinerende-enhet/ReportNeedPage'), 'ReportNeedPage');
const NotificationsRoutes = named(() => import('./notifications/NotificationsRoutes'), 'NotificationsRoutes');
const InvitationPage = named(() => import('./screens/InvitationPage'), 'InvitationPage');
const LoginCallbackPage = named(() => import('./screens/LoginCallbackPage'), 'LoginCallbackPage');
const MeetingPage = named(() => import('./screens/MeetingPage'), 'MeetingPage');
const EvaluationPage = named(() => import('./evaluation/EvaluationPage'), 'EvaluationPage');
const AccountRoutes = named(() => import('./account/AccountRoutes'), 'AccountRoutes');
const ForgotPasswordPage = named(() => import('./account/ForgotPasswordPage'), 'ForgotPasswordPage');
const NewPasswordPage = named(() => import('./account/NewPasswordPage'), 'NewPasswordPage');

function Loading() {
  const { t } = useI18n();
  return <Spinner aria-label={t('common.loading')} />;
}

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
            <Suspense fallback={<Loading />}>
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
                  path="/planer/:planId/evaluering"
                  element={
                    <RequireLogin>
                      <EvaluationPage />
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
            </Suspense>
          </Layout>
        </BrowserRouter>
      </AuthProvider>
    </I18nProvider>
  );
}
