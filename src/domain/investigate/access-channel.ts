import type { HandlingAction } from '../registry.ts';
import { evidence } from './evidence.ts';
import type { Evidence } from './evidence.ts';
import type { Holding } from './input.ts';
import { daysBetween } from '../time.ts';
import { likelihood } from './likelihoods.ts';

const weighed: Partial<Record<HandlingAction, number>> = {
  printed: likelihood.access.printed, downloaded: likelihood.access.downloaded, copied: likelihood.access.copied,
  shared: likelihood.access.shared, forwarded: likelihood.access.forwarded, opened: likelihood.access.opened,
  briefed: likelihood.access.briefed,
};

const day = (at: string): string => at.slice(0, 10);
/** Taking a copy beyond reading it: a holder who did any of these did not destroy it unread. */
const keptActions: ReadonlySet<HandlingAction> = new Set(['printed', 'downloaded', 'copied', 'shared']);

/**
 * Access: what the candidate did with their copies before publication. Each kind of action
 * counts once per copy (ten opens are not ten times the evidence of one), and only in the
 * `windowDays` before publication: a copy printed a year earlier says as little about this leak
 * as one never printed, and the evidence names and cites the actions in the window alone. A
 * copy never opened electronically speaks for the holder; a paper copy or a briefing leaves no
 * open record, so its silence is neutral. Whether a copy was ever opened, or printed before it
 * was destroyed, is a fact of its whole history, window or not.
 */
export function accessEvidence(held: readonly Holding[], published: string): Evidence[] {
  const out: Evidence[] = [];
  for (const h of held) {
    const recent = h.events.filter((e) => daysBetween(e.at, published) <= likelihood.access.windowDays);
    for (const action of new Set(recent.map((e) => e.action))) {
      const ratio = weighed[action];
      if (ratio === undefined) continue;
      const same = recent.filter((x) => x.action === action);
      const first = same[0]!;
      const when = same.length > 1 ? `${same.length} times, first on ${day(first.at)}, last on ${day(same.at(-1)!.at)}` : `on ${day(first.at)}`;
      out.push(evidence('access', `${action} ${h.copy.id} ${when}`, ratio, same.map((x) => x.id)));
    }
    const readAtAll = h.events.some((e) => e.action !== 'destroyed' && e.action !== 'returned' && e.action !== 'acknowledged');
    if (!readAtAll && h.copy.channel === 'electronic') {
      out.push(evidence('access', `never opened ${h.copy.id} (electronic copy)`, likelihood.access.neverOpenedElectronic, [h.copyLedgerIndex]));
    }
    const destroyed = h.events.find((e) => e.action === 'destroyed');
    if (destroyed && !h.events.some((e) => keptActions.has(e.action))) {
      out.push(evidence('access', `destroyed ${h.copy.id} on ${day(destroyed.at)} with no print or download before`, likelihood.access.destroyedUnread, [destroyed.id]));
    }
  }
  return out;
}
