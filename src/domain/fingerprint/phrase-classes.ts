/**
 * The curated tables of meaning-preserving alternatives for report prose: hyphenation and
 * compounds, abbreviations, courtesy titles, and synonyms. Every form folds to the first form
 * (`canonicalText`); only the forms listed in `from` may become a slot when they appear in a
 * master text, because many substitutions are safe in one direction only ("approximately" may
 * become "about", but "about" the preposition may not become "approximately").
 *
 * Rules the tests enforce: a form belongs to one class; no form is estimative language; no
 * form is a proper prefix of another class's form (so folding segments every copy alike).
 */
import type { SlotKind } from './slot.ts';

export interface PhraseClass {
  readonly kind: SlotKind;
  /** Canonical form first. Lower case; rendering matches the case found in the master. */
  readonly forms: readonly string[];
  /** Indices of the forms that may be varied when found in a master; all when absent. */
  readonly from?: readonly number[];
  /** The slot is not made when the previous word is one of these (began/begun, stated goal). */
  readonly notAfter?: readonly string[];
  /** The slot is made only when the previous word is one of these ("is called" / "is known as"). */
  readonly onlyAfter?: readonly string[];
  /** The slot is not made when the next token is one of these ("on Monday's vote" is not "Monday's vote"). */
  readonly notBefore?: readonly string[];
  /** May vary although capitalised mid-sentence (courtesy titles and weekdays are not names). */
  readonly capitalised?: boolean;
  /**
   * Forms that may be varied only before certain tokens ('#number' for a figure or a money
   * amount): "about 40" may become "approximately 40", "about the plan" may not.
   */
  readonly fromBefore?: { readonly forms: readonly number[]; readonly next: readonly string[] };
}

/** In `fromBefore.next`: any figure, or a currency sign before one. */
export const BEFORE_NUMBER = '#number';

const AUXILIARIES = ['has', 'have', 'had', 'having', 'been', 'be', 'is', 'are', 'was', 'were'];
const DETERMINERS = ['the', 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'your', 'this', 'that', 'these', 'those'];

const compound = (...forms: string[]): PhraseClass => ({ kind: 'compound', forms });
const abbreviation = (forms: string[], from?: number[]): PhraseClass => ({ kind: 'abbreviation', forms, ...(from ? { from } : {}) });
const title = (...forms: string[]): PhraseClass => ({ kind: 'title', forms, capitalised: true });
const both = (...forms: string[]): PhraseClass => ({ kind: 'synonym', forms });
/**
 * `source` may become any of `targets`, never the reverse. The plainer first target is the
 * canonical form, so canonical text reads naturally ("to", not "in order to").
 */
const oneWay = (source: string, ...targets: string[]): PhraseClass =>
  ({ kind: 'synonym', forms: [targets[0] ?? source, source, ...targets.slice(1)], from: [1] });
const from = (forms: string[], indices: number[], notAfter?: string[]): PhraseClass =>
  ({ kind: 'synonym', forms, from: indices, ...(notAfter ? { notAfter } : {}) });

export const COMPOUNDS: readonly PhraseClass[] = [
  compound('decision-making', 'decision making'),
  compound('policy-making', 'policymaking', 'policy making'),
  compound('policy-maker', 'policymaker', 'policy maker'),
  compound('policy-makers', 'policymakers', 'policy makers'),
  compound('email', 'e-mail'), compound('emails', 'e-mails'), compound('emailed', 'e-mailed'),
  compound('co-operation', 'cooperation'), compound('co-operate', 'cooperate'),
  compound('co-operated', 'cooperated'), compound('co-operating', 'cooperating'),
  compound('co-operative', 'cooperative'), compound('co-ordinate', 'coordinate'),
  compound('co-ordinated', 'coordinated'), compound('co-ordinating', 'coordinating'),
  compound('co-ordination', 'coordination'), compound('co-ordinator', 'coordinator'),
  compound('online', 'on-line'), compound('website', 'web site'), compound('websites', 'web sites'),
  compound('cybersecurity', 'cyber security', 'cyber-security'),
  compound('counterterrorism', 'counter-terrorism'), compound('counter-intelligence', 'counterintelligence'),
  compound('counter-proliferation', 'counterproliferation'),
  compound('pre-existing', 'preexisting'), compound('reuse', 're-use'), compound('reused', 're-used'),
  compound('longstanding', 'long-standing'), compound('nationwide', 'nation-wide'),
  compound('worldwide', 'world-wide'), compound('health care', 'healthcare'),
  compound('dataset', 'data set'), compound('datasets', 'data sets'), compound('database', 'data base'),
  compound('databases', 'data bases'), compound('ceasefire', 'cease-fire'), compound('standoff', 'stand-off'),
  compound('build-up', 'buildup'), compound('under way', 'underway'), compound('keyword', 'key word'),
  compound('keywords', 'key words'), compound('multinational', 'multi-national'),
  compound('interagency', 'inter-agency'), compound('non-governmental', 'nongovernmental'),
  compound('first-hand', 'firsthand'), compound('well-known', 'well known'), compound('well-established', 'well established'), compound('wide-ranging', 'wide ranging'),
  compound('object-oriented', 'object oriented'), compound('subgroup', 'sub-group'),
  compound('subgroups', 'sub-groups'), compound('lifecycle', 'life cycle', 'life-cycle'),
  compound('non-state', 'nonstate'), compound('airstrike', 'air strike'), compound('airstrikes', 'air strikes'),
  compound('hard-line', 'hardline'), compound('takeover', 'take-over'), compound('handover', 'hand-over'),
  compound('setup', 'set-up'), compound('breakthrough', 'break-through'), compound('homepage', 'home page'),
  compound('cyberattack', 'cyber attack', 'cyber-attack'), compound('cyberattacks', 'cyber attacks', 'cyber-attacks'),
  compound('best-known', 'best known'), compound('well-defined', 'well defined'), compound('non-zero', 'nonzero'),
  compound('non-profit', 'nonprofit'), compound('e-commerce', 'ecommerce'), compound('multi-party', 'multiparty'),
  compound('anti-terrorism', 'antiterrorism'), compound('countermeasures', 'counter-measures'),
  compound('cybercrime', 'cyber crime', 'cyber-crime'), compound('post-war', 'postwar'), compound('pre-war', 'prewar'),
  compound('co-founder', 'cofounder'), compound('co-author', 'coauthor'), compound('web page', 'webpage', 'web-page'),
  compound('web pages', 'webpages', 'web-pages'), compound('ongoing', 'on-going'), compound('follow-up', 'followup'),
  compound('non-existent', 'nonexistent'), compound('non-linear', 'nonlinear'), compound('predefined', 'pre-defined'),
  compound('re-elected', 'reelected'), compound('re-election', 'reelection'), compound('halfway', 'half-way'),
  compound('fundraising', 'fund-raising', 'fund raising'), compound('wrongdoing', 'wrong-doing'),
  compound('peacekeeping', 'peace-keeping'), compound('peacekeepers', 'peace-keepers'), compound('non-violent', 'nonviolent'),
  compound('anti-war', 'antiwar'), compound('semi-final', 'semifinal'), compound('midday', 'mid-day'),
  compound('part-time', 'part time'), compound('full-time', 'full time'), compound('lawmaker', 'law-maker'),
  compound('lawmakers', 'law-makers'), compound('stockholder', 'stock-holder'), compound('shareholders', 'share-holders'),
];

export const ABBREVIATIONS: readonly PhraseClass[] = [
  abbreviation(['e.g.', 'for example', 'for instance']),
  abbreviation(['that is', 'i.e.', 'in other words'], [1, 2]),
  abbreviation(['and so on', 'etc.'], [1]),
  abbreviation(['versus', 'vs.', 'vs']),
  abbreviation(['compare', 'cf.'], [1]),
  abbreviation(['and others', 'et al.'], [1]),
  abbreviation(['per annum', 'per year', 'a year'], [0, 1]),
  abbreviation(['department', 'dept.'], [1]),
  // A company's legal form, with or without its full stop (Reuters writes "Inc", AP "Inc.").
  { kind: 'abbreviation', forms: ['inc.', 'inc'], capitalised: true }, { kind: 'abbreviation', forms: ['corp.', 'corp'], capitalised: true },
  { kind: 'abbreviation', forms: ['ltd.', 'ltd'], capitalised: true },
  title('mr.', 'mr'), title('mrs.', 'mrs'), title('ms.', 'ms'), title('dr.', 'dr'),
];

export const SYNONYMS: readonly PhraseClass[] = [
  from(['commenced', 'began'], [0], AUXILIARIES), oneWay('commence', 'begin'), oneWay('commences', 'begins'),
  from(['initiated', 'started'], [0, 1]), oneWay('initiates', 'starts'), oneWay('initiate', 'start'),
  both('terminated', 'ended'), oneWay('terminates', 'ends'),
  oneWay('additionally', 'also'), oneWay('numerous', 'many', 'a large number of'),
  // "about 40" → "approximately 40": only before a number, where "about" cannot be the preposition.
  { kind: 'synonym', forms: ['about', 'approximately', 'roughly', 'around'], from: [1], fromBefore: { forms: [0, 2, 3], next: [BEFORE_NUMBER] } },
  from(['utilize', 'use', 'utilise'], [0, 2]), from(['utilizes', 'uses', 'utilises'], [0, 2]),
  from(['utilized', 'used', 'utilised'], [0, 2]), from(['utilizing', 'using', 'utilising'], [0, 2]),
  oneWay('assist', 'help'), oneWay('assists', 'helps'), oneWay('assisted', 'helped'), oneWay('assisting', 'helping'),
  oneWay('assistance', 'aid'), oneWay('purchased', 'bought'), oneWay('sufficient', 'enough'),
  oneWay('insufficient', 'not enough'), oneWay('demonstrate', 'show'), oneWay('demonstrates', 'shows'),
  oneWay('demonstrating', 'showing'), from(['attempted', 'tried'], [0, 1]), oneWay('prior to', 'before'),
  oneWay('subsequently', 'later'), oneWay('subsequent to', 'after', 'in the wake of'),
  from(['regarding', 'concerning', 'with regard to', 'with respect to', 'in relation to', 'pertaining to', 'in regard to'], [0, 2, 3, 4, 5, 6]),
  both('furthermore', 'moreover'), both('nevertheless', 'nonetheless'), both('therefore', 'consequently'),
  from(['while', 'whilst'], [1]), both('among', 'amongst'), both('amid', 'amidst', 'in the midst of'), both('towards', 'toward'),
  both('afterwards', 'afterward'), both('learned', 'learnt'), both('spelled', 'spelt'), both('burned', 'burnt'),
  both('dreamed', 'dreamt'), both('leaped', 'leapt'), both('spilled', 'spilt'),
  oneWay('individuals', 'people', 'persons'), from(['said', 'stated'], [0, 1], [...DETERMINERS, ...AUXILIARIES, 'being']),
  // "the report says" / "the report states"; never the noun ("member states").
  from(['says', 'states'], [0], [...DETERMINERS, ...AUXILIARIES]),
  oneWay('in the event that', 'if'), oneWay('a number of', 'several'),
  // "the majority of senators" cannot become "most of senators": only before a determiner.
  { kind: 'synonym', forms: ['most of', 'the majority of'], fromBefore: { forms: [1], next: DETERMINERS } },
  both('currently', 'at present', 'at the present time'), both('in spite of', 'despite'),
  oneWay('in addition to', 'besides'), oneWay('whether or not', 'whether'),
  { kind: 'synonym', forms: ['more than', 'in excess of'], from: [1], fromBefore: { forms: [0], next: [BEFORE_NUMBER] } },
  both('because of', 'owing to', 'on account of'), oneWay('in the vicinity of', 'near'), oneWay('on a daily basis', 'daily'),
  oneWay('until such time as', 'until'), oneWay('in the near future', 'soon', 'shortly'), oneWay('with the exception of', 'except'),
  oneWay('possesses', 'has'), oneWay('possess', 'have'), oneWay('possessed', 'had'),
  oneWay('requires', 'needs'), from(['required', 'needed'], [0], DETERMINERS), oneWay('require', 'need'),
  both('permitted', 'allowed'), from(['constructed', 'built'], [0]), oneWay('modified', 'changed', 'altered'),
  oneWay('modifies', 'changes', 'alters'), oneWay('modify', 'change', 'alter'), both('retained', 'kept'), oneWay('retains', 'keeps'),
  oneWay('retain', 'keep'), oneWay('resides', 'lives'), oneWay('resided', 'lived'), oneWay('reside', 'live'),
  oneWay('transmitted', 'sent'), oneWay('transmits', 'sends'), oneWay('transmit', 'send'),
  from(['requested', 'asked'], [0], DETERMINERS), both('frequently', 'often'), both('occasionally', 'sometimes', 'at times'),
  both('rapidly', 'quickly'), oneWay('previously', 'earlier'), both('primarily', 'mainly', 'chiefly'),
  oneWay('principal', 'main'), both('substantial', 'considerable'), from(['further', 'additional'], [1], ['an']), both('a further', 'an additional'),
  from(['though', 'although', 'even though'], [1, 2]), oneWay('ensure', 'make sure'), oneWay('ensures', 'makes sure'),
  oneWay('ensured', 'made sure'), both('personnel', 'staff'), oneWay('automobile', 'car'),
  oneWay('automobiles', 'cars'), oneWay('hostilities', 'fighting'),
  oneWay('remainder', 'rest'), oneWay('in order to', 'to', 'so as to'), both('each other', 'one another'), from(['whole', 'entire'], [1]),
  both('commonly', 'usually'),
  both('in order that', 'so that'), oneWay('in the course of', 'during', 'over the course of'), oneWay('at this point in time', 'now'),
  { kind: 'synonym', forms: ['called', 'known as', 'referred to as'], onlyAfter: ['is', 'are', 'was', 'were', 'be', 'been', 'being', 'also'] },
  oneWay('is able to', 'can'), oneWay('in the absence of', 'without'), oneWay('on numerous occasions', 'repeatedly'),
  oneWay('in close proximity to', 'close to'),
  both('kinds of', 'types of', 'sorts of'),
  { kind: 'synonym', forms: ['kind of', 'type of'], onlyAfter: ['a', 'this', 'that', 'the', 'any', 'every', 'each', 'one', 'what', 'which', 'another', 'same', 'some', 'no'] },
  oneWay('a small number of', 'a few'),
  both('as a result', 'as a consequence'), both('meanwhile', 'in the meantime'), both('in the future', 'in future'),
  both('all of the', 'all the'), both('half of the', 'half the'), oneWay('outside of', 'outside'), oneWay('inside of', 'inside'),
  both('different from', 'different to', 'different than'), both('compared with', 'compared to'),
  both('in comparison with', 'in comparison to'), both('largest', 'biggest'), both('rapid', 'quick'),
  both('rarely', 'seldom'), both('entirely', 'completely'), both('especially', 'particularly'), both('exactly', 'precisely'),
  both('mostly', 'for the most part'), oneWay('via', 'through'), oneWay('sole', 'only'),
  oneWay('inform', 'tell'), oneWay('informs', 'tells'), oneWay('obtain', 'get'), oneWay('obtains', 'gets'),
  oneWay('terminate', 'end'), oneWay('initially', 'at first'),
  oneWay('take place', 'occur'), oneWay('takes place', 'occurs'), oneWay('took place', 'occurred'),
  oneWay('taken place', 'happened'), oneWay('taking place', 'occurring'),
  // "Upon" after these verbs is a formal "on" (a bare upon/on class would clash with "on Monday").
  both('based on', 'based upon'), both('depend on', 'depend upon'), both('depends on', 'depends upon'),
  both('depended on', 'depended upon'), both('rely on', 'rely upon'), both('relies on', 'relies upon'),
  both('relied on', 'relied upon'), both('agreed on', 'agreed upon'), both('focused on', 'focused upon'),
  both('insisted on', 'insisted upon'), both('in more detail', 'in greater detail'),
  from(['try to', 'attempt to'], [0], DETERMINERS), from(['tries to', 'attempts to'], [0]), from(['trying to', 'attempting to'], [0]),
];

/** Verbs after which "on Monday" may lose its "on" ("said on Monday" / "said Monday"). */
const DATED_VERBS = [
  'said', 'stated', 'announced', 'reported', 'added', 'noted', 'confirmed', 'testified', 'warned', 'closed', 'rose', 'fell',
  'gained', 'dropped', 'ended', 'opened', 'met', 'arrived', 'died', 'resigned', 'released', 'filed', 'ruled', 'voted', 'signed',
];

/**
 * Weekdays are capitalised but are not names; "on" before one is optional after a dated verb.
 * Never before a possessive: "said on Monday's programme" is not "said Monday's programme".
 */
export const WEEKDAYS: readonly PhraseClass[] = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
  .map((day): PhraseClass => ({ kind: 'synonym', forms: [day, `on ${day}`], from: [1], onlyAfter: DATED_VERBS, notBefore: ["'"], capitalised: true }));

/** Every curated class, in precedence order (earlier classes win a contested form). */
export const PHRASE_CLASSES: readonly PhraseClass[] = [...COMPOUNDS, ...ABBREVIATIONS, ...SYNONYMS, ...WEEKDAYS];
