import { describe, expect, it } from 'vitest';
import type { Copy, Product } from '../domain/registry.ts';
import { caveatsOf, printInputOf } from './print-copy.ts';

const product: Product = { id: 'IA-2022-031', title: 'Interference', marking: 'TOP SECRET//SI//CEO', originator: 'CSIS', created: '2022-10-01T12:00:00.000Z' };
const copy: Copy = { id: 'IA-2022-031.c7', productId: 'IA-2022-031', version: 1, recipientId: 'pco-07', parentCopyId: null, serial: 7, issuedAt: '2022-10-02T09:00:00.000Z', channel: 'paper' };

describe('printInputOf', () => {
  it('prints the caveats of the marking, expanded, and the reproduction rule', () => {
    expect(caveatsOf('TOP SECRET//SI//CEO')).toEqual(['SI', 'Canadian Eyes Only', 'Do not reproduce; report loss or compromise to the originator']);
    expect(caveatsOf('PROTECTED B')).toEqual(['Do not reproduce; report loss or compromise to the originator']);
  });

  it('carries the copy control data: serial, total and copy id', () => {
    expect(printInputOf(product, copy, 40, '(TS) Text.')).toMatchObject({ copy: { id: 'IA-2022-031.c7', serial: 7, total: 40 }, text: '(TS) Text.' });
  });
});
