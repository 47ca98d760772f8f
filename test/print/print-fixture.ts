/** A three-page product for the print tests and benchmark, with prose generated from a seed. */
import { createRandom } from '../../src/domain/random.ts';
import type { PrintInput } from '../../src/adapters/pdf/render-copy-pdf.ts';

const vocabulary = (
  'the source reports that officials of a foreign state met candidates in several ridings offering funds ' +
  'volunteers and advice on messaging during nomination contests some of whom were aware of the origin while ' +
  'others were not according to assessment service believes activity intended influence outcome party members ' +
  'community organisations proxies consulate staff transferred money through intermediaries before deadline ' +
  'reporting indicates network coordinated meetings Toronto Vancouver Ottawa 2022 October'
).split(' ');

const marks = ['TS//CEO', 'S', 'C', 'S//CEO', 'TS//CEO', 'PB', 'S', 'U', 'C', 'S//CEO', 'TS//CEO', 'S'];

/** Paragraphs of `words` words each, with portion marks, from a seed. */
export function sampleText(seed: string, paragraphs = 12, words = 78): string {
  const random = createRandom(seed);
  return Array.from({ length: paragraphs }, (_, p) => {
    const body = Array.from({ length: words + random.int(20) }, () => vocabulary[random.int(vocabulary.length)] ?? 'the');
    return `(${marks[p % marks.length] ?? 'U'}) ${capitalise(body.join(' '))}.`;
  }).join('\n\n');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const sampleProduct = {
  id: 'IA-2022-031', title: 'Interference in nomination contests', originator: 'CSIS',
  created: '2022-10-01T12:00:00.000Z', marking: 'TOP SECRET//CEO',
} as const;

export function sampleInput(serial: number, total = 200, text = sampleText('waymark-print')): PrintInput {
  return {
    product: sampleProduct,
    copy: { id: `${sampleProduct.id}.c${serial}`, serial, total },
    text,
    caveats: ['Canadian Eyes Only', 'Not for further dissemination without originator approval'],
  };
}
