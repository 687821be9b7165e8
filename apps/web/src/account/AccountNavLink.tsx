/** The header's way to /konto, for anyone logged in (its word is in the app's catalogue: the account pages' own load with them). */
import { Link } from 'react-router';
import { useAuth } from '../api/auth';
import { useI18n } from '../i18n';

export function AccountNavLink() {
  const { t } = useI18n();
  const { status } = useAuth();
  if (status !== 'in') return null;
  return (
    <Link to="/konto" className="header-link">
      {t('layout.account')}
    </Link>
  );
}
