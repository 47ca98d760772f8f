/**
 * The demo scenario, as a bundle (CONTRACT.md): about a dozen federal organisations, about 60
 * people, 20 products on foreign interference from September 2022 to February 2023, their
 * disseminations and handling, and the hand-written product that later leaks. Deterministic:
 * the same seed builds the same bundle.
 */
import type { Bundle } from '../bundle-schema.ts';
import { createRandom } from '../../domain/random.ts';
import type { Random } from '../../domain/random.ts';
import { leakedProductBody, leakedProductId } from './leaked-product.ts';

type AgencyRow = Bundle['agencies'][number];
type PersonRow = Bundle['people'][number];
type ProductRow = Bundle['products'][number];

const agencies: AgencyRow[] = [
  { id: 'PCO', name: 'Privy Council Office', country: 'CAN' },
  { id: 'PMO', name: "Prime Minister's Office", country: 'CAN' },
  { id: 'GAC', name: 'Global Affairs Canada', country: 'CAN' },
  { id: 'PS', name: 'Public Safety Canada', country: 'CAN' },
  { id: 'RCMP', name: 'Royal Canadian Mounted Police', country: 'CAN' },
  { id: 'DND', name: 'National Defence', country: 'CAN' },
  { id: 'CSE', name: 'Communications Security Establishment', country: 'CAN' },
  { id: 'CSIS', name: 'Canadian Security Intelligence Service', country: 'CAN' },
  { id: 'ELECTIONS', name: 'Elections Canada', country: 'CAN' },
  { id: 'IRCC', name: 'Immigration, Refugees and Citizenship Canada', country: 'CAN' },
  { id: 'FINTRAC', name: 'Financial Transactions and Reports Analysis Centre', country: 'CAN' },
  { id: 'UK-FCDO', name: 'UK Foreign, Commonwealth & Development Office (liaison)', country: 'GBR' },
];

const givenNames = ['Marie', 'Jean', 'Priya', 'David', 'Sophie', 'Michael', 'Amira', 'Luc', 'Grace', 'Omar', 'Hélène', 'Daniel', 'Mei', 'Patrick', 'Fatima', 'Ryan', 'Chloé', 'Andrew', 'Nadia', 'Simon'];
const familyNames = ['Tremblay', 'Gagnon', 'Singh', 'MacDonald', 'Roy', 'Chen', 'Côté', 'Wilson', 'Bouchard', 'Ahmed', 'Morin', 'Campbell', 'Nguyen', 'Lavoie', "O'Brien", 'Fortin', 'Patel', 'Gauthier', 'Clarke', 'Pelletier'];

/** How many people each agency has, and the clearance most of them hold. */
const staffing: Record<string, { count: number; clearance: string; si: boolean }> = {
  PCO: { count: 9, clearance: 'TOP SECRET', si: true }, PMO: { count: 5, clearance: 'TOP SECRET', si: false },
  GAC: { count: 7, clearance: 'TOP SECRET', si: true }, PS: { count: 6, clearance: 'SECRET', si: false },
  RCMP: { count: 6, clearance: 'TOP SECRET', si: false }, DND: { count: 5, clearance: 'TOP SECRET', si: true },
  CSE: { count: 4, clearance: 'TOP SECRET', si: true }, CSIS: { count: 6, clearance: 'TOP SECRET', si: true },
  ELECTIONS: { count: 3, clearance: 'SECRET', si: false }, IRCC: { count: 4, clearance: 'SECRET', si: false },
  FINTRAC: { count: 3, clearance: 'SECRET', si: false }, 'UK-FCDO': { count: 2, clearance: 'TOP SECRET', si: true },
};

function buildPeople(random: Random): PersonRow[] {
  const people: PersonRow[] = [];
  let n = 0;
  for (const agency of agencies) {
    const { count, clearance, si } = staffing[agency.id] ?? { count: 2, clearance: 'SECRET', si: false };
    for (let i = 1; i <= count; i++) {
      const name = `${givenNames[n % givenNames.length]!.charAt(0)}. ${familyNames[(n * 7 + Math.floor(n / givenNames.length)) % familyNames.length]}`;
      n++;
      // One person in three of a TOP SECRET agency holds only SECRET; SI goes to analysts who need it.
      const level = clearance === 'TOP SECRET' && random.int(3) === 0 ? 'SECRET' : clearance;
      people.push({
        id: `${agency.id.toLowerCase()}-${String(i).padStart(2, '0')}`, name, agency: agency.id, clearance: level,
        compartments: si && level === 'TOP SECRET' && random.int(2) === 0 ? ['SI'] : [], active: true,
      });
    }
  }
  return people;
}

const themes = [
  { title: 'Covert funding of candidates through proxies', topic: 'covert political financing' },
  { title: 'Intimidation of diaspora community members', topic: 'transnational repression' },
  { title: 'State media amplification of election narratives', topic: 'online disinformation' },
  { title: 'Co-optation of municipal officials', topic: 'elite capture at the municipal level' },
  { title: 'Use of student associations as intermediaries', topic: 'the use of student associations' },
  { title: 'Clandestine police stations in Canadian cities', topic: 'covert overseas police service stations' },
  { title: 'Targeting of parliamentarians through staff', topic: 'the cultivation of parliamentary staff' },
  { title: 'Interference in riding nomination contests', topic: 'interference in nomination contests' },
];
const cities = ['Toronto', 'Vancouver', 'Montréal', 'Ottawa', 'Calgary', 'Markham', 'Richmond', 'Brampton'];
const months = ['September 2022', 'October 2022', 'November 2022', 'December 2022', 'January 2023', 'February 2023'];

function generatedBody(random: Random, theme: (typeof themes)[number], serial: number): string {
  const city = cities[random.int(cities.length)]!;
  const other = cities[(cities.indexOf(city) + 1 + random.int(cities.length - 1)) % cities.length]!;
  const month = months[random.int(months.length)]!;
  const people = 3 + random.int(20);
  const amount = (5 + random.int(90)) * 1000;
  return [
    `(S//CEO) This assessment, number ${serial} in the series, examines ${theme.topic} in ${city} between ${month} and the present. The Service has identified ${people} individuals whose activity is consistent with direction by a foreign state.`,
    `(TS//CEO) A sensitive source reported in ${month} that an intermediary in ${city} received about $${amount.toLocaleString('en-CA')} for ${theme.topic}, and that the funds were passed on in small amounts to avoid reporting thresholds.`,
    `(S) The activity observed in ${city} resembles earlier reporting from ${other}, which suggests central coordination rather than local initiative. The Service assesses with moderate confidence that the activity will continue through the next electoral cycle.`,
    `(C) Recipients should consider the attached indicators when assessing approaches from community groups in ${city} and ${other}.`,
  ].join('\n\n');
}

/** The product (by position) that has a tearline for the UK liaison officers. */
const sharedWithPartner = 5;
export const partnerRecipients = ['uk-fcdo-01', 'uk-fcdo-02'];

function buildProducts(random: Random): ProductRow[] {
  const products: ProductRow[] = [];
  for (let i = 0; i < 19; i++) {
    const theme = themes[i % themes.length]!;
    const day = 1 + Math.floor((i * 150) / 19);
    const created = new Date(Date.UTC(2022, 8, 1) + day * 86_400_000).toISOString();
    const id = `IA-${created.slice(0, 4)}-${String(i + 1).padStart(3, '0')}`;
    // One product is also released to the UK liaison officers as a tearline version.
    const tearlines = i === sharedWithPartner ? ['SECRET//REL TO CAN, GBR'] : [];
    products.push({ id, title: theme.title, marking: 'TOP SECRET//CEO', created, originator: 'CSIS', body: generatedBody(random.fork(id), theme, i + 1), tearlines });
  }
  products.push({
    id: leakedProductId, title: 'Foreign state interference in federal nomination contests', marking: 'TOP SECRET//CEO',
    created: '2022-10-01T12:00:00Z', originator: 'CSIS', body: leakedProductBody, tearlines: [],
  });
  return products;
}

/** The people who may receive TOP SECRET//CEO products: Canadian agencies, TOP SECRET cleared (no partner liaison). */
function eligible(people: readonly PersonRow[]): PersonRow[] {
  return people.filter((p) => p.clearance === 'TOP SECRET' && p.agency !== 'UK-FCDO');
}

function pick<T>(random: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(random.int(pool.length), 1)[0]!);
  return chosen;
}

const hour = 3_600_000;
/** The recipients of the leaked product, and who else appears in its story. */
const storyRecipients = ['pco-01', 'pco-03', 'pmo-01', 'gac-02', 'ps-01', 'rcmp-01', 'csis-02', 'dnd-01'];
const storyPeople = [...storyRecipients, 'pco-05'];
const iso = (ms: number): string => new Date(ms).toISOString();

export interface DemoScenario {
  readonly bundle: Bundle;
  /** The person whose printed copy the article came from. */
  readonly leaker: string;
}

export function buildDemoScenario(seed = 'waymark-demo'): DemoScenario {
  const random = createRandom(seed);
  const people = buildPeople(random.fork('people')).map((p) => (storyPeople.includes(p.id) ? { ...p, clearance: 'TOP SECRET' } : p));
  const products = buildProducts(random.fork('products'));
  const cleared = eligible(people);
  const disseminations: Bundle['disseminations'] = [];
  const events: Bundle['events'] = [];
  const handling = random.fork('handling');
  for (const product of products) {
    const at = Date.parse(product.created) + 20 * hour;
    const isLeaked = product.id === leakedProductId;
    const recipients = isLeaked
      ? storyRecipients
      : pick(handling, cleared, 5 + handling.int(10)).map((p) => p.id);
    if (product.tearlines.length > 0) recipients.push(...partnerRecipients);
    disseminations.push({ product: product.id, recipients, at: iso(at), channel: 'electronic' });
    for (const recipient of recipients) {
      if (handling.next() < 0.15) continue; // never opened
      const opened = at + (1 + handling.int(72)) * hour;
      events.push({ product: product.id, recipient, action: 'opened', at: iso(opened) });
      if (handling.next() < 0.2) events.push({ product: product.id, recipient, action: 'printed', at: iso(opened + hour) });
      if (handling.next() < 0.5) events.push({ product: product.id, recipient, action: 'destroyed', at: iso(opened + (24 + handling.int(600)) * hour) });
    }
  }
  const leaker = 'pco-03';
  addLeakedProductStory(events);
  return { bundle: { agencies, people, products, disseminations, events }, leaker };
}

/** The leaked product's own story: a forward, a briefing, and a print days before publication. */
function addLeakedProductStory(events: Bundle['events']): void {
  const product = leakedProductId;
  const keep = events.filter((e) => e.product !== product);
  events.length = 0;
  events.push(...keep,
    { product, recipient: 'pco-01', action: 'opened', at: '2022-10-03T09:15:00Z' },
    { product, recipient: 'pco-01', action: 'forwarded', at: '2022-10-03T09:40:00Z', to: 'pco-05' },
    { product, recipient: 'pco-05', action: 'opened', at: '2022-10-03T11:02:00Z' },
    { product, recipient: 'pco-03', action: 'opened', at: '2022-10-04T08:30:00Z' },
    { product, recipient: 'pmo-01', action: 'briefed', at: '2022-10-05T16:00:00Z', detail: 'oral briefing to the Chief of Staff' },
    { product, recipient: 'gac-02', action: 'opened', at: '2022-10-06T10:00:00Z' },
    { product, recipient: 'gac-02', action: 'destroyed', at: '2022-11-30T10:00:00Z' },
    { product, recipient: 'ps-01', action: 'opened', at: '2022-10-11T13:20:00Z' },
    { product, recipient: 'csis-02', action: 'opened', at: '2022-10-02T10:00:00Z' },
    { product, recipient: 'pco-03', action: 'opened', at: '2023-02-13T19:47:00Z' },
    { product, recipient: 'pco-03', action: 'printed', at: '2023-02-13T19:52:00Z' },
  );
}
