/**
 * The demo's leaked product and the article that later reuses it: hand-written, so that the
 * story reads true. The article quotes one sentence verbatim, paraphrases two facts and adds
 * reporting of its own.
 */
export const leakedProductId = 'IA-2022-031';
export const leakPublished = '2023-02-17T06:00:00Z';

export const leakedProductBody = `(S//CEO) Since {early|the start of} 2022, the Service has assessed that a foreign state has run a co-ordinated campaign to influence the nomination contests of at least three federal ridings in the Greater Toronto Area. The campaign relies on community associations that act as intermediaries, so that the state's role is not visible to the candidates who benefit.

(TS//CEO) Reporting from a sensitive human source indicates that a consular official in Toronto directed the transfer of approximately $250,000 through a {network|web} of community {organisations|groups} to {at least|no fewer than} eleven candidates and their {staff|campaign staff} {ahead of|before} the 2019 general election. The Service assesses that some of the recipients did not know the origin of the funds.

(S//CEO) The same network organised transport and volunteers for the nomination meeting in Don Valley North in September 2019, and several of the volunteers were international students who were told that their visas could be affected if they did not take part. The Service judges it likely that similar pressure will be used in the next federal election.

(S) In the Service's assessment, the campaign is well resourced, patient and adaptive: it favours legal forms of support that are hard to distinguish from ordinary political activity, and it adjusts quickly when media attention increases.

(C) Departments should treat approaches from the community associations named in the annex with caution, and report contacts to their departmental security officer.`;

/**
 * The article, written around a sentence the journalist retyped from the leaker's printed copy
 * (so the copy's visible fingerprint choices come with it, and its invisible layer does not).
 */
export function writeLeakArticle(quotedSentence: string): string {
  return `Foreign state funnelled cash to federal candidates, security report says

OTTAWA — Canada's spy agency told senior officials that a foreign government was running a clandestine effort to shape Canadian politics, according to a classified report seen by this newspaper.

"${quotedSentence.replace(/\.$/, '')}," the report says.

The document also says that volunteers bused to a 2019 nomination meeting in Don Valley North included foreign students who were warned that their immigration status could suffer if they refused to help.

According to the assessment, the operation is patient and well funded, prefers lawful support that looks like normal political involvement, and changes tactics quickly when journalists start asking questions.

The Prime Minister's Office declined to comment on intelligence matters. Opposition critics called for a public inquiry.
`;
}

/** The sentence the article quotes: the first sentence of the copy's second paragraph. */
export function quotedSentenceOf(copyText: string): string {
  const paragraph = copyText.split('\n\n')[1] ?? '';
  const body = paragraph.replace(/^\([^)]*\)\s*/, '');
  return body.slice(0, body.indexOf('. ') + 1);
}
