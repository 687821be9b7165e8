/** /konto: my account, and the passkey offer after a login (/konto/passkey). */
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../screens/NotFoundPage';
import { AccountPage } from './AccountPage';
import { PasskeyOfferPage } from './PasskeyOfferPage';
import './account.css';

export function AccountRoutes() {
  return (
    <Routes>
      <Route index element={<AccountPage />} />
      <Route path="passkey" element={<PasskeyOfferPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
