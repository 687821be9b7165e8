/** The notification screens under /varsler: the list, and e-mail preferences (linked from every mail). */
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../screens/NotFoundPage';
import { NotificationsPage } from './NotificationsPage';
import { PreferencesPage } from './PreferencesPage';
import './notifications.css';

export function NotificationsRoutes() {
  return (
    <Routes>
      <Route index element={<NotificationsPage />} />
      <Route path="innstillinger" element={<PreferencesPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
