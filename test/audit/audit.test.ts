import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { auditHtml, loadAuditInput, runAudit } from '../../src/app/audit.ts';
import type { Finding } from '../../src/domain/audit/index.ts';
import { waymark } from '../cli.ts';
import { createTestDatabase, describeEachEngine } from '../engines.ts';
import type { TestDatabase } from '../engines.ts';
import { auditBundle, plantedFindings } from './audit-fixtures.ts';

const asOf = '2023-06-01T00:00:00Z';
const summarise = (findings: readonly Finding[]): unknown[] =>
  findings.map((f) => [f.kind, f.agencyId, f.copyId]).sort((a, b) => String(a).localeCompare(String(b)));

describeEachEngine('waymark audit', (engineName) => {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-audit-'));
  let planted: TestDatabase;
  let clean: TestDatabase;
  beforeAll(async () => {
    [planted, clean] = await Promise.all([createTestDatabase(engineName()), createTestDatabase(engineName())]);
    for (const [database, isPlanted] of [[planted, true], [clean, false]] as const) {
      const file = join(dir, `${isPlanted ? 'planted' : 'clean'}.json`);
      writeFileSync(file, JSON.stringify(auditBundle(isPlanted)));
      const result = waymark(['--db', database.url, 'import', file]);
      expect(result.stderr).toBe('');
    }
  });
  afterAll(async () => {
    await Promise.all([planted.drop(), clean.drop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds exactly the planted breaches, through the CLI', () => {
    const result = waymark(['--db', planted.url, 'audit', '--as-of', asOf, '--json']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { asOf: string; findings: Finding[]; scorecards: unknown[] };
    expect(report.asOf).toBe('2023-06-01T00:00:00.000Z');
    expect(summarise(report.findings)).toEqual(summarise(plantedFindings.map(([kind, agencyId, copyId]) => ({ kind, agencyId, copyId } as Finding))));
    for (const f of report.findings.filter((x) => x.kind !== 'retention-overdue' && x.kind !== 'never-opened')) expect(f.eventIds.length).toBeGreaterThan(0);
    expect(report.scorecards.length).toBeGreaterThan(0);
  });

  it('finds nothing in the clean scenario', async () => {
    const engine = await clean.open();
    try {
      const report = await runAudit(engine, { asOf: '2023-06-01T00:00:00.000Z' });
      expect(report.findings).toEqual([]);
    } finally {
      await engine.close();
    }
  });

  it('--agency gives that agency\'s part of the whole audit, from the products it touches', async () => {
    const engine = await planted.open();
    try {
      const whole = await runAudit(engine, { asOf: '2023-06-01T00:00:00.000Z' });
      const gac = await runAudit(engine, { asOf: '2023-06-01T00:00:00.000Z', agencyId: 'GAC' });
      expect(gac.findings).toEqual(whole.findings.filter((f) => f.agencyId === 'GAC'));
      expect(gac.scorecards).toEqual(whole.scorecards.filter((s) => s.agencyId === 'GAC'));
      const input = await loadAuditInput(engine, { asOf: '2023-06-01T00:00:00.000Z', agencyId: 'GAC' });
      expect(input.copies.length).toBeGreaterThan(0);
      await expect(runAudit(engine, { asOf: '2023-06-01T00:00:00.000Z', agencyId: 'NOPE' })).rejects.toThrow(/no agency "NOPE"/);
    } finally {
      await engine.close();
    }
  });

  it('writes an HTML report with three charts as inline SVG', async () => {
    const engine = await planted.open();
    try {
      const html = await auditHtml(await runAudit(engine, { asOf: '2023-06-01T00:00:00.000Z' }));
      expect(html.match(/<svg /g)).toHaveLength(3);
      expect(html).toContain('Findings per 100 copies');
      expect(html).not.toContain('<script');
    } finally {
      await engine.close();
    }
    if (engineName() === 'sqlite') {
      const out = join(dir, 'audit.html');
      const result = waymark(['--db', planted.url, 'audit', '--as-of', asOf, '--format', 'html', '--out', out]);
      expect(result.status).toBe(0);
      expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/);
    }
  });
});
