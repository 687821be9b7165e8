/**
 * The header's way in: koordinerende enhet gets its section; coordinators and professionals get
 * "Meld behov" (their duty to report); citizens get nothing here.
 */
import { Link } from 'react-router';
import { tenantRoleMay } from '#contracts';
import { useAuth } from '../api/auth';
import { useKeI18n } from './i18n';
import { BASE } from './parts';

export function KoordinerendeEnhetNavLink() {
  const { t } = useKeI18n();
  const { me } = useAuth();
  if (!me) return null;
  if (tenantRoleMay(me.role, 'overview.read')) {
    return (
      <Link to={BASE} className="header-link">
        {t('nav.link')}
      </Link>
    );
  }
  if (tenantRoleMay(me.role, 'needs.report')) {
    return (
      <Link to="/meld-behov" className="header-link">
        {t('nav.report')}
      </Link>
    );
  }
  return null;
}
