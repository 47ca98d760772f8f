/**
 * HTML escaping for text and attribute values. Everything a report shows comes from a leak, a
 * product or a record, so every string goes through here: a leak that carries markup must show
 * as text, never run (OWASP XSS prevention, rule 1 and 2).
 */
const replacements: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => replacements[c] ?? c);
}
