/** The header's way to /konto, for anyone logged in. */
import { Link } from 'react-router';
import { useAuth } from '../api/auth';
import { useAccountI18n } from './i18n';

export function AccountNavLink() {
  const { t } = useAccountI18n();
  const { status } = useAuth();
  if (status !== 'in') return null;
  return (
    <Link to="/konto" className="header-link">
      {t('account.nav')}
    </Link>
  );
}
