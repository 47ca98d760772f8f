/**
 * The journalist: writes an article from the sources' own copies (their exact text, as
 * showCopy renders it). Quotes are copied verbatim; facts are paraphrased, with MRPC's human
 * sentence2 where the product's sentence is an MRPC sentence1 (keeping the copy's wording
 * where it kept the sentence's words: carry-wording.ts), else with the rewriter; the
 * rest is the journalist's own news prose. Most journalists retype, which strips the
 * invisible layer.
 */
import { stripInvisibleLayer } from '../../src/domain/fingerprint/index.ts';
import type { Random } from '../../src/domain/random.ts';
import type { LeakPlan } from './leak-plans.ts';
import { between, pickOne, shuffle } from './pick.ts';
import type { ProseSentence } from './prose-pool.ts';
import { carryWording } from './carry-wording.ts';
import { rewrite } from './rewriter.ts';
import { sentencesOfBody, wordsOf } from './sentences.ts';

/** One source copy: its text as issued, and the product's master sentences (to find real paraphrases). */
export interface SourceCopy {
  readonly product: string;
  readonly text: string;
  readonly master: string;
  readonly prose: ReadonlyMap<string, ProseSentence>;
}

interface Sentence {
  readonly copy: string;
  /** The master sentence at the same place, when the copy splits like the master. */
  readonly prose: ProseSentence | undefined;
}

function alignedSentences(source: SourceCopy): Sentence[] {
  const copy = sentencesOfBody(source.text);
  const master = sentencesOfBody(source.master);
  return copy.flatMap((paragraph, p) => paragraph.map((s, i) => {
    const m = master[p]?.length === paragraph.length ? master[p]?.[i] : undefined;
    return { copy: s, prose: m === undefined ? undefined : source.prose.get(m) };
  }));
}

const leadIns = ['According to the document,', 'The report states:', 'One passage reads:', 'In the words of the assessment,'];

function quote(random: Random, s: Sentence): string {
  return `${pickOne(random, leadIns)} "${s.copy}"`;
}

function paraphrase(random: Random, s: Sentence): string {
  return s.prose?.paraphrase ? carryWording(s.prose.text, s.copy, s.prose.paraphrase) : rewrite(random, s.copy);
}

/** Which source each item draws on: every source product at least once, then at random. */
function assign(random: Random, sources: readonly SourceCopy[], items: number): SourceCopy[] {
  const order = shuffle(random, sources);
  return Array.from({ length: Math.max(items, sources.length) }, (_, i) => order[i] ?? pickOne(random, sources));
}

export function writeArticle(random: Random, plan: LeakPlan, sources: readonly SourceCopy[], filler: () => string): string {
  const perSource = new Map(sources.map((s) => [s.product, shuffle(random, alignedSentences(s).filter((x) => wordsOf(x.copy).length >= 8))]));
  const drawn = assign(random, sources, plan.quotes + plan.facts);
  const items = drawn.map((source, i) => {
    const s = perSource.get(source.product)?.pop();
    if (!s) return '';
    return i < plan.quotes ? quote(random, s) : paraphrase(random, s);
  }).filter((t) => t !== '');
  const own = Array.from({ length: between(random, 2, 5) }, filler);
  const body = [own[0]!, ...shuffle(random, [...items, ...own.slice(1)])];
  const paragraphs: string[] = [];
  for (let i = 0; i < body.length; i += 2) paragraphs.push(body.slice(i, i + 2).join(' '));
  const article = paragraphs.join('\n\n');
  return plan.stripped ? stripInvisibleLayer(article) : article;
}
