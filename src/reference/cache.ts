import type { Models } from '../models';
import type { Category, Jurisdiction } from './model';

/**
 * Categories and jurisdictions, read on every intake, change only when the seed
 * runs. They are kept in memory for a short while (per process and per Deps,
 * never module-wide, so tests with several databases do not mix them up). The
 * intake benchmark showed the two look-ups costing more than the insert.
 */
export class ReferenceCache {
  private loadedAt = 0;
  private loading?: Promise<void>;
  private categories = new Map<string, Category>();
  private jurisdictions = new Map<string, Jurisdiction>();

  constructor(
    private readonly models: Models,
    private readonly ttlMs = 60_000,
  ) {}

  async category(code: string): Promise<Category | undefined> {
    await this.fresh();
    return this.categories.get(code);
  }

  async jurisdiction(code: string): Promise<Jurisdiction | undefined> {
    await this.fresh();
    return this.jurisdictions.get(code);
  }

  /** Forget everything: the next read loads again (after a seed or an admin change). */
  invalidate(): void {
    this.loadedAt = 0;
  }

  private async fresh(): Promise<void> {
    if (Date.now() - this.loadedAt < this.ttlMs) return;
    this.loading ??= (async () => {
      const [cats, places] = await Promise.all([
        this.models.Category.find().lean(),
        this.models.Jurisdiction.find().lean(),
      ]);
      this.categories = new Map(cats.map((c) => [c.code, c]));
      this.jurisdictions = new Map(places.map((j) => [j.code, j]));
      this.loadedAt = Date.now();
    })().finally(() => {
      this.loading = undefined;
    });
    await this.loading;
  }
}
