/** Bundles, mappings and rules for the audit-log import and audit tests. */
import type { BundleInput } from '../fixtures.ts';

export const logsDir = '../shared/data/logs';

/**
 * One product, issued in January 2020 (before every sample record) to three people whose
 * accounts appear in the samples: asr@ (Microsoft 365), foo@bar.com (Google Drive) and the
 * CloudTrail IAM user.
 */
export function sampleBundle(): BundleInput {
  return {
    agencies: [
      { id: 'PCO', name: 'Privy Council Office', country: 'CAN' },
      { id: 'GAC', name: 'Global Affairs Canada', country: 'CAN' },
    ],
    people: [
      { id: 'pco-07', name: 'R. Tremblay', agency: 'PCO', clearance: 'TOP SECRET', compartments: ['SI'], active: true },
      { id: 'pco-09', name: 'J. Doe', agency: 'PCO', clearance: 'TOP SECRET', compartments: ['SI'], active: true },
      { id: 'gac-12', name: 'M. Singh', agency: 'GAC', clearance: 'TOP SECRET', compartments: ['SI'], active: true },
    ],
    products: [{
      id: 'IA-2020-001', title: 'Sample product', marking: 'SECRET', created: '2020-01-01T00:00:00Z', originator: 'CSIS',
      body: '(S) First paragraph.\n\n(S) Second paragraph.',
    }],
    disseminations: [{ product: 'IA-2020-001', recipients: ['pco-07', 'gac-12', 'pco-09'], at: '2020-01-02T09:00:00Z', channel: 'electronic' }],
  };
}

/** Accounts and systems of the samples (the Drive customer id is "1"). user@dummydomain.com is left out on purpose. */
export const sampleMappings = {
  principals: [
    { person: 'pco-07', principal: 'asr@testsiem.onmicrosoft.com' },
    { person: 'gac-12', principal: 'foo@bar.com' },
    { person: 'pco-09', principal: 'arn:aws:iam::000000000:user/test@elastic.co' },
  ],
  sites: [
    { site: 'https://testsiem-my.sharepoint.com/personal/asr_testsiem_onmicrosoft_com/', agency: 'PCO' },
    { site: 'https://dummydomain.sharepoint.com/sites/msteams_067dce', agency: 'PCO' },
    { site: '1', agency: 'GAC' },
    { site: 'elastic-cspm-cloudtrail-test-bucket', agency: 'PCO' },
    { site: 'DC01.contoso.local', agency: 'PCO' },
  ],
};

/** The samples' file names carry no copy ids: the rules name the copy each file is. */
export const sampleRules = {
  files: [
    { match: 'Screenshot.png', copy: 'IA-2020-001.c1' },
    { match: 'HL Agenda.pdf', copy: 'IA-2020-001.c1' },
    { match: 'document title', copy: 'IA-2020-001.c2' },
    { match: 'README.md', copy: 'IA-2020-001.c3' },
    { match: 'HBI Data.txt', copy: 'IA-2020-001.c1' },
  ],
};

type BundleEvent = NonNullable<BundleInput['events']>[number];

/**
 * A handling scenario for the audit (as of 2023-06-01). Clean: every copy opened once and
 * destroyed within its retention. Planted: one breach of each kind the store can hold (a forward
 * to an ineligible person is refused at import, so it cannot be planted).
 */
export function auditBundle(planted: boolean): BundleInput {
  const ev = (product: string, recipient: string, action: BundleEvent['action'], at: string, more: Partial<BundleEvent> = {}): BundleEvent =>
    ({ product, recipient, action, at, ...more });
  const events: BundleEvent[] = [
    ev('P2', 'pco-01', 'opened', '2023-01-05T10:00:00Z'), ev('P2', 'gac-01', 'opened', '2023-01-05T10:00:00Z'),
    ev('P1', 'pco-03', 'opened', '2023-01-05T10:00:00Z'), ev('P1', 'gac-02', 'opened', '2023-01-05T10:00:00Z'),
    ev('P2', 'pco-01', 'destroyed', '2023-01-20T10:00:00Z'), ev('P1', 'pco-03', 'destroyed', '2023-01-20T10:00:00Z'),
    ev('P1', 'gac-02', 'destroyed', '2023-01-20T10:00:00Z'), ev('P1', 'gac-01', 'destroyed', '2023-01-20T10:00:00Z'),
  ];
  if (planted) {
    events.push(
      ev('P2', 'pco-01', 'opened', '2023-01-06T09:00:00Z', { actor: 'pco-02' }),
      ev('P1', 'pco-03', 'opened', '2023-02-10T10:00:00Z'),
      ev('P2', 'pco-01', 'printed', '2023-01-06T10:00:00Z'),
      ev('P1', 'gac-02', 'shared', '2023-01-07T10:00:00Z', { detail: 'op=AnonymousLinkCreated; scope=anonymous' }),
      ...Array.from({ length: 12 }, (_, i) => ev('P2', 'pco-01', 'opened', `2023-01-08T12:${String(i).padStart(2, '0')}:00Z`)),
    );
  } else {
    events.push(ev('P2', 'gac-01', 'destroyed', '2023-01-20T10:00:00Z'), ev('P1', 'gac-01', 'opened', '2023-01-06T10:00:00Z'));
  }
  return {
    agencies: [{ id: 'PCO', name: 'Privy Council Office', country: 'CAN' }, { id: 'GAC', name: 'Global Affairs Canada', country: 'CAN' }],
    people: [
      { id: 'pco-01', name: 'A. One', agency: 'PCO', clearance: 'TOP SECRET', compartments: ['SI'] },
      { id: 'pco-02', name: 'B. Two', agency: 'PCO', clearance: 'SECRET', compartments: [] },
      { id: 'pco-03', name: 'C. Three', agency: 'PCO', clearance: 'TOP SECRET', compartments: ['SI'], activeTo: '2023-02-01T00:00:00Z' },
      { id: 'gac-01', name: 'D. Four', agency: 'GAC', clearance: 'TOP SECRET', compartments: ['SI'] },
      { id: 'gac-02', name: 'E. Five', agency: 'GAC', clearance: 'TOP SECRET', compartments: [] },
    ],
    products: [
      { id: 'P1', title: 'One', marking: 'SECRET', created: '2023-01-01T00:00:00Z', originator: 'CSIS', body: '(S) Text.' },
      { id: 'P2', title: 'Two', marking: 'TOP SECRET//SI', created: '2023-01-01T00:00:00Z', originator: 'CSIS', body: '(TS//SI) Text.' },
    ],
    disseminations: [
      { product: 'P2', recipients: ['pco-01', 'gac-01'], at: '2023-01-02T09:00:00Z', channel: 'electronic' },
      { product: 'P1', recipients: ['pco-03', 'gac-02', 'gac-01'], at: '2023-01-02T09:00:00Z', channel: 'electronic' },
    ],
    events,
  };
}

/** The findings planted in auditBundle(true), as [kind, agency, copy]. */
export const plantedFindings = [
  ['access-after-departure', 'PCO', 'P1.c1'],
  ['access-burst', 'PCO', undefined],
  ['anonymous-link', 'GAC', 'P1.c2'],
  ['forbidden-print', 'PCO', 'P2.c1'],
  ['never-opened', 'GAC', 'P1.c3'],
  ['retention-overdue', 'GAC', 'P2.c2'],
  ['unentitled-access', 'PCO', 'P2.c1'],
] as const;
