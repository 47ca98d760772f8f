/** Small bundles for tests, built fresh each time so a test may change its copy. */
import type { z } from 'zod';
import type { bundleSchema } from '../src/app/bundle-schema.ts';

export type BundleInput = z.input<typeof bundleSchema>;

export function smallBundle(): BundleInput {
  return {
    agencies: [
      { id: 'PCO', name: 'Privy Council Office', country: 'CAN' },
      { id: 'GAC', name: 'Global Affairs Canada', country: 'CAN' },
    ],
    people: [
      { id: 'pco-07', name: 'R. Tremblay', agency: 'PCO', clearance: 'TOP SECRET', compartments: ['SI'], active: true },
      { id: 'gac-12', name: 'M. Singh', agency: 'GAC', clearance: 'TOP SECRET', compartments: [], active: true },
      { id: 'gac-20', name: 'L. Roy', agency: 'GAC', clearance: 'TOP SECRET', compartments: [] },
      { id: 'gac-30', name: 'P. Low', agency: 'GAC', clearance: 'SECRET', compartments: [] },
    ],
    products: [{
      id: 'IA-2022-031', title: 'Interference in nomination contests', marking: 'TOP SECRET//CEO',
      created: '2022-10-01T12:00:00Z', originator: 'CSIS',
      body: '(TS//CEO) First paragraph with {an option|another option}. The committee met in Ottawa on Tuesday and reviewed the programme in detail, and the members agreed on the next steps.\n\n(S) Second paragraph: the organisation of the meetings, the analysis that followed, and the decisions taken.',
    }],
    disseminations: [{ product: 'IA-2022-031', recipients: ['pco-07', 'gac-12'], at: '2022-10-02T09:00:00Z', channel: 'electronic' }],
    events: [
      { product: 'IA-2022-031', recipient: 'pco-07', actor: 'pco-07', action: 'opened', at: '2022-10-03T14:00:00Z' },
      { product: 'IA-2022-031', recipient: 'pco-07', actor: 'pco-07', action: 'printed', at: '2022-10-03T14:12:00Z' },
      { product: 'IA-2022-031', recipient: 'gac-12', action: 'forwarded', at: '2022-10-04T10:00:00Z', to: 'gac-20' },
      { product: 'IA-2022-031', recipient: 'gac-20', action: 'opened', at: '2022-10-04T11:00:00Z' },
    ],
  };
}
