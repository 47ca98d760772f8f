/**
 * A bundle that is not valid JSON is refused with the file, line and column, and the message
 * never repeats the file's text: it may be a product's title or body. V8 quotes ten characters
 * either side of an unexpected token, with no position.
 */
import { expect, it } from 'vitest';
import { parseBundle } from '../src/app/import-bundle.ts';

const refusal = (text: string): string => {
  try {
    parseBundle(text, 'bundle.json');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('parsed');
};

it('names the line and column of an unexpected token without quoting the text around it', () => {
  const text = '{\n  "products": [{ "id": "IA-1", "title": Covert funding of candidates }]\n}';
  const message = refusal(text);
  expect(message).toBe("bundle.json: malformed JSON at line 2, column 41: unexpected token 'C'");
  expect(message).not.toMatch(/funding|title/);
});

it('does not quote a body pasted with a typographic opening quote', () => {
  const message = refusal('{ "products": [{ "id": "IA-1", "body": \u201c(TS) The service assesses that' + ' x'.repeat(20) + ' }] }');
  expect(message).toMatch(/^bundle\.json: malformed JSON at line 1, column 40: unexpected token '\u201c'$/);
});

it('says an unexpected token near the start of a file that is not JSON at all, without quoting it', () => {
  expect(refusal('OTTAWA \u2014 A leaked report says the service assessed')).toBe("bundle.json: malformed JSON: unexpected token 'O' near the start");
});
