import type { HandlingAction } from '../registry.ts';
import { evidence } from './evidence.ts';
import type { Evidence } from './evidence.ts';
import type { Holding } from './input.ts';
import { likelihood } from './likelihoods.ts';

const weighed: Partial<Record<HandlingAction, number>> = {
  printed: likelihood.access.printed, downloaded: likelihood.access.downloaded, copied: likelihood.access.copied,
  shared: likelihood.access.shared, forwarded: likelihood.access.forwarded, opened: likelihood.access.opened,
  briefed: likelihood.access.briefed,
};

const day = (at: string): string => at.slice(0, 10);
const dayMs = 86_400_000;

/**
 * Access: what the candidate did with their copies before publication. Each kind of action
 * counts once per copy (ten opens are not ten times the evidence of one). A copy never opened
 * electronically speaks for the holder; a paper copy or a briefing leaves no open record, so
 * its silence is neutral. Only actions in the `windowDays` before publication count: a copy
 * printed a year earlier says as little about this leak as one that was never printed.
 */
export function accessEvidence(held: readonly Holding[], published: string): Evidence[] {
  const since = Date.parse(published) - likelihood.access.windowDays * dayMs;
  const out: Evidence[] = [];
  for (const h of held) {
    const seen = new Set<HandlingAction>();
    for (const e of h.events) {
      const ratio = weighed[e.action];
      if (ratio === undefined || seen.has(e.action) || Date.parse(e.at) < since) continue;
      seen.add(e.action);
      const same = h.events.filter((x) => x.action === e.action);
      const when = same.length > 1 ? `${same.length} times, first on ${day(e.at)}, last on ${day(same.at(-1)!.at)}` : `on ${day(e.at)}`;
      out.push(evidence('access', `${e.action} ${h.copy.id} ${when}`, ratio, same.map((x) => x.id)));
    }
    const readAtAll = h.events.some((e) => e.action !== 'destroyed' && e.action !== 'returned' && e.action !== 'acknowledged');
    if (!readAtAll && h.copy.channel === 'electronic') {
      out.push(evidence('access', `never opened ${h.copy.id} (electronic copy)`, likelihood.access.neverOpenedElectronic, [h.copyLedgerIndex]));
    }
    const destroyed = h.events.find((e) => e.action === 'destroyed');
    if (destroyed && !seen.has('printed') && !seen.has('downloaded') && !seen.has('copied') && !seen.has('shared')) {
      out.push(evidence('access', `destroyed ${h.copy.id} on ${day(destroyed.at)} with no print or download before`, likelihood.access.destroyedUnread, [destroyed.id]));
    }
  }
  return out;
}
