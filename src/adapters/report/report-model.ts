/**
 * What a case report shows, gathered by app/case-report.ts and drawn by the HTML and PDF
 * renderers here. Plain data: the renderers do no I/O and see nothing the report does not hold.
 */

/** `[start, end)` character offsets. */
export type Span = readonly [number, number];

export interface ReportPassage {
  readonly kind: string;
  readonly score: number;
  /** Into the leak text. */
  readonly leak: Span;
  /** Into the source's displayed text (author alternatives resolved to the first). */
  readonly product: Span;
}

export interface ReportSource {
  readonly product: string;
  readonly title: string;
  readonly version: number;
  readonly marking: string;
  readonly score: number;
  /** The version master with `{a|b}` alternatives shown as their first option. */
  readonly text: string;
  readonly passages: readonly ReportPassage[];
}

export interface ReportEvent {
  readonly action: string;
  readonly at: string;
  /** An event's id is its ledger index. */
  readonly ledger: number;
  readonly target: string | null;
}

export interface ReportPathwayNode {
  readonly copy: string;
  readonly version: number;
  readonly issuedAt: string;
  readonly channel: string;
  readonly recipient: { readonly id: string; readonly name: string; readonly agency: string };
  readonly events: readonly ReportEvent[];
  readonly children: readonly ReportPathwayNode[];
}

export interface ReportPathway {
  readonly product: string;
  readonly title: string;
  readonly marking: string;
  readonly asOf: string | null;
  readonly copyCount: number;
  readonly eventCount: number;
  readonly roots: readonly ReportPathwayNode[];
}

export interface ReportEvidence {
  readonly channel: string;
  readonly detail: string;
  readonly weight: number;
  readonly ledger: readonly number[];
}

export interface ReportCandidate {
  readonly person: string;
  readonly name: string;
  readonly agency: string;
  readonly rank: number;
  readonly score: number;
  readonly strong: boolean;
  /** Per-channel log10 likelihood ratio. */
  readonly channels: Readonly<Record<string, number>>;
  readonly evidence: readonly ReportEvidence[];
}

export interface ReportCopy {
  readonly product: string;
  readonly copy: string;
  readonly recipient: string;
  readonly score: number;
  readonly falseAccusationBound: number;
}

/** One ledger entry with its inclusion proof against the report's checkpoint. */
export interface ReportEntry {
  readonly index: number;
  readonly kind: string;
  readonly ref: string;
  /** The leaf bytes: the entry's RFC 8785 canonical JSON. */
  readonly body: string;
  readonly leafHash: string;
  /** RFC 9162 §2.1.3.1 audit path, base64. */
  readonly proof: readonly string[];
}

export interface ReportCheckpoint {
  /** The signed note, exactly as the log signed it (C2SP tlog-checkpoint). */
  readonly note: string;
  readonly origin: string;
  readonly size: number;
  readonly root: string;
  readonly verifierKey: string;
}

export interface CaseReport {
  /** The join of the markings of every product the report shows. */
  readonly banner: string;
  readonly caseId: string;
  readonly status: string;
  readonly openedAt: string;
  readonly openedBy: string;
  readonly published: string;
  readonly leakSha256: string;
  readonly leakText: string;
  readonly sources: readonly ReportSource[];
  readonly pathways: readonly ReportPathway[];
  readonly copies: readonly ReportCopy[];
  readonly candidates: readonly ReportCandidate[];
  readonly recipients: number;
  readonly notes: readonly string[];
  /** The `case.opened` entry that binds the result to the ledger. */
  readonly caseEntry: number;
  readonly entries: readonly ReportEntry[];
  readonly checkpoint: ReportCheckpoint;
}

/** The channels in the order the design lists them. */
export const channelOrder: readonly string[] = ['content', 'version', 'fingerprint', 'access', 'timing'];
