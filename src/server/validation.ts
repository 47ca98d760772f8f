/**
 * Zod failures as 400 answers that name the field: `body.events[3].action: Invalid option…`.
 * For a union (an event or a batch of events) the branch that got furthest is reported.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { formatPath } from '../app/bundle-schema.ts';

type Issue = z.core.$ZodIssue;

export interface FieldProblem { readonly field: string; readonly message: string }

export function describeIssues(target: string, issues: readonly Issue[]): FieldProblem {
  const issue = deepest(issues);
  const path = [target === 'json' ? 'body' : target, ...issue.path];
  return { field: formatPath(path), message: issue.message };
}

function deepest(issues: readonly Issue[], prefix: readonly PropertyKey[] = []): Issue {
  let best: Issue | undefined;
  for (const issue of issues) {
    const candidate = issue.code === 'invalid_union' && issue.errors.length > 0
      ? deepest(issue.errors.reduce((a, b) => (closer(b, a) ? b : a)), [...prefix, ...issue.path])
      : { ...issue, path: [...prefix, ...issue.path] };
    if (!best || candidate.path.length > best.path.length) best = candidate;
  }
  return best ?? { code: 'custom', path: [...prefix], message: 'invalid', input: undefined };
}

const depth = (issues: readonly Issue[]): number => Math.max(0, ...issues.map((i) => i.path.length));
const missing = (issues: readonly Issue[]): number => issues.filter((i) => i.code === 'invalid_type' && i.message.endsWith('received undefined')).length;

/** The branch the input more likely meant: fewer missing fields, then the deeper failure, then the later branch. */
function closer(a: readonly Issue[], b: readonly Issue[]): boolean {
  return missing(a) !== missing(b) ? missing(a) < missing(b) : depth(a) >= depth(b);
}

export function validationHook(result: { success: true } | { success: false; error: z.ZodError; target: string }, c: Context): Response | undefined {
  if (result.success) return undefined;
  const problem = describeIssues(result.target, result.error.issues);
  return c.json({ error: { code: 'MALFORMED', message: `${problem.field}: ${problem.message}`, field: problem.field } }, 400);
}
