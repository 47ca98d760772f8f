import { operationActions } from './operation-actions.ts';

/**
 * The operation → action tables as a Markdown table, for the README and `--help`: one row per
 * vendor operation, so what an agency's log will turn into can be read, not guessed.
 */
export function operationTableMarkdown(): string {
  const rows = Object.entries(operationActions).flatMap(([format, table]) =>
    Object.entries(table).map(([operation, action]) => `| ${format} | \`${operation}\` | ${action} |`));
  return ['| format | operation | Waymark action |', '|---|---|---|', ...rows].join('\n');
}
