/**
 * Security markings and the access policy: the public face of src/domain/marking.
 * Parse with parseMarking, compare with dominates/join/meet, decide with canReceive.
 */
export { bannerOf, checkBanner } from './banner.ts';
export { canReceive } from './can-receive.ts';
export type { Decision } from './can-receive.ts';
export { chooseVersion } from './choose-version.ts';
export type { VersionChoice } from './choose-version.ts';
export { clearanceCovers, parseClearance } from './clearance.ts';
export type { Clearance, ClearanceKind } from './clearance.ts';
export { fiveEyes, homeCountry, isCountryCode } from './country.ts';
export { formatMarking, formatPortion } from './format-marking.ts';
export { dominates, join, joinAll, meet } from './lattice.ts';
export { dominatesLevel, isClassified, joinLevel, levels, meetLevel } from './level.ts';
export type { Level } from './level.ts';
export { makeMarking, sameMarking } from './marking.ts';
export type { Marking, MarkingFields } from './marking.ts';
export { MarkingError } from './marking-error.ts';
export type { MarkingErrorCode } from './marking-error.ts';
export { parseMarking } from './parse-marking.ts';
export type { ParseMarkingOptions } from './parse-marking.ts';
export { PolicyError } from './policy-error.ts';
export { parsePortionMark, readPortions, splitParagraphs } from './portion-mark.ts';
export type { Portion, PortionMark } from './portion-mark.ts';
export { explainReason } from './reason.ts';
export type { Reason, ReasonKind } from './reason.ts';
export { tearlineBody } from './tearline.ts';
export type { TearlineOptions } from './tearline.ts';
export { defaultCompartments } from './vocabulary.ts';
