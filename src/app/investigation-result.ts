/**
 * The stored form of an investigation's result (cases.result): the JSON `waymark investigate`
 * prints and the ledger's `case.opened` entry commits to. Parsed with this schema when a case
 * is read back, so a row altered outside Waymark fails loudly instead of flowing on as a type.
 */
import { z } from 'zod';
import type { InvestigationResult } from './investigate.ts';

const span = z.tuple([z.number(), z.number()]);

const source = z.object({
  product: z.string(), version: z.number(), score: z.number(),
  passages: z.array(z.object({ leak: span, product: span, kind: z.enum(['verbatim', 'paraphrase']), score: z.number(), versions: z.array(z.number()) })),
});

const copy = z.object({
  product: z.string(), copy: z.string(), recipient: z.string(), score: z.number(), falseAccusationBound: z.number(),
  accused: z.boolean(), decoder: z.string(), slotsRead: z.number(),
});

const candidate = z.object({
  person: z.string(), name: z.string(), agency: z.string(), rank: z.number(), score: z.number(), strong: z.boolean(),
  channels: z.record(z.string(), z.number()),
  evidence: z.array(z.object({ channel: z.string(), detail: z.string(), weight: z.number(), ledger: z.array(z.number()) })),
});

export const investigationResultSchema: z.ZodType<InvestigationResult> = z.object({
  case: z.string(), published: z.string(), sources: z.array(source), copies: z.array(copy), candidates: z.array(candidate),
  recipients: z.number(), notes: z.array(z.string()),
});

/** The stored result of case `caseId`, or an error naming the case and the first field that is wrong. */
export function parseInvestigationResult(caseId: string, text: string): InvestigationResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`case ${caseId}: the stored result is not JSON`);
  }
  const parsed = investigationResultSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`case ${caseId}: the stored result is malformed at ${issue?.path.join('.') || '(top)'}: ${issue?.message ?? 'invalid'}`);
}
