/**
 * The fictional demo municipalities and their logins. Pure data: the seed writes it, the tests
 * log in with it. Every name, e-mail and number here is made up.
 */
import type { TenantRole } from '#contracts';

export const DEMO_PASSWORD = 'Fellesplan-demo-2026';

export interface DemoAccount {
  key: string;
  email: string;
  name: string;
  role: TenantRole;
  phone: string;
  /** A fictional national identity number, for the OIDC demo. */
  pid?: string;
  /** For staff: the service the directory shows. */
  service?: string;
}

export interface DemoTenant {
  slug: string;
  name: string;
  accounts: DemoAccount[];
}

export const DEMO_TENANTS: DemoTenant[] = [
  {
    slug: 'fjordvik',
    name: 'Fjordvik kommune',
    accounts: [
      {
        key: 'systemkoordinator',
        email: 'sigrid.sandvik@fjordvik.example',
        name: 'Sigrid Sandvik',
        role: 'systemkoordinator',
        phone: '400 00 001',
      },
      { key: 'coordinator', email: 'kari.nilsen@fjordvik.example', name: 'Kari Nilsen', role: 'coordinator', phone: '400 00 002' },
      { key: 'coordinator2', email: 'ola.berg@fjordvik.example', name: 'Ola Berg', role: 'coordinator', phone: '400 00 003' },
      {
        key: 'professional',
        email: 'per.hansen@fjordvik.example',
        name: 'Per Hansen',
        role: 'professional',
        phone: '400 00 004',
        service: 'Ergoterapi',
      },
      { key: 'citizen', email: 'aina.lund@fjordvik.example', name: 'Aina Lund', role: 'citizen', phone: '400 00 005', pid: '01019912345' },
      {
        key: 'relative',
        email: 'jonas.lund@fjordvik.example',
        name: 'Jonas Lund',
        role: 'citizen',
        phone: '400 00 006',
        pid: '01017012345',
      },
    ],
  },
  {
    slug: 'nordoy',
    name: 'Nordøy kommune',
    accounts: [
      {
        key: 'systemkoordinator',
        email: 'nils.nordmo@nordoy.example',
        name: 'Nils Nordmo',
        role: 'systemkoordinator',
        phone: '400 00 101',
      },
      { key: 'coordinator', email: 'eva.eide@nordoy.example', name: 'Eva Eide', role: 'coordinator', phone: '400 00 102' },
    ],
  },
];

export function demoAccount(tenantSlug: string, key: string): DemoAccount {
  const account = DEMO_TENANTS.find((t) => t.slug === tenantSlug)?.accounts.find((a) => a.key === key);
  if (!account) throw new Error(`No demo account ${tenantSlug}/${key}`);
  return account;
}
