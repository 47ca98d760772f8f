/**
 * Lists for the API and the dashboard, cut to what the user may see: products above a linked
 * person's clearance are left out altogether (their titles are sensitive too). Every list is
 * paged and served by an index.
 */
import type { Product } from '../../domain/registry.ts';
import type { Engine } from '../../store/engine.ts';
import { productFromRow } from '../../store/rows.ts';
import { readingBound } from './clearance.ts';
import type { Principal } from './principal.ts';

export interface Page { readonly limit: number; readonly offset: number }

/**
 * A page of the products the user may see. The clearance is applied before the page is cut, so
 * that a page holds `limit` products whenever that many are visible past `offset`: the markings in
 * use are few, so each is decided once and the query keeps only the rows whose marking passed.
 */
export async function listVisibleProducts(engine: Engine, principal: Principal, page: Page, now: Date): Promise<Product[]> {
  const bound = await readingBound(engine, principal, now);
  const markings = (await engine.db.selectFrom('products').select('marking').distinct().execute()).map((r) => r.marking);
  const allowed: string[] = [];
  const refused: string[] = [];
  for (const marking of markings) (bound(marking).allowed ? allowed : refused).push(marking);
  if (allowed.length === 0) return [];
  // Whichever list is shorter names the same rows (every product's marking is one of `markings`).
  let query = engine.db.selectFrom('products').selectAll();
  if (refused.length > 0) query = refused.length < allowed.length ? query.where('marking', 'not in', refused) : query.where('marking', 'in', allowed);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute();
  return rows.map(productFromRow);
}

export interface RecentDissemination {
  readonly productId: string;
  readonly title: string;
  readonly marking: string;
  readonly issuedAt: string;
  readonly copies: number;
}

/**
 * The latest disseminations: the newest root copies (served by the copies_issued index, at most
 * `window` rows however large the store), grouped by product and time.
 */
export async function listRecentDisseminations(engine: Engine, principal: Principal, limit: number, now: Date, window = 1000): Promise<RecentDissemination[]> {
  const bound = await readingBound(engine, principal, now);
  const rows = await engine.db.selectFrom('copies').innerJoin('products', 'products.id', 'copies.product_id')
    .select(['copies.product_id', 'copies.issued_at', 'products.title', 'products.marking'])
    .where('copies.parent_copy_id', 'is', null)
    .orderBy('copies.issued_at', 'desc').limit(window).execute();
  const groups = new Map<string, RecentDissemination>();
  for (const r of rows) {
    if (!bound(r.marking).allowed) continue;
    const key = `${r.product_id}\u0000${r.issued_at}`;
    const seen = groups.get(key);
    if (seen) groups.set(key, { ...seen, copies: seen.copies + 1 });
    else if (groups.size < limit) groups.set(key, { productId: r.product_id, title: r.title, marking: r.marking, issuedAt: r.issued_at, copies: 1 });
  }
  return [...groups.values()];
}
