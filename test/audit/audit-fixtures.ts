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
