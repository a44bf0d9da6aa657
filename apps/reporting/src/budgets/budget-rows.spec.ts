import fc from 'fast-check';
import { budgetRows } from './budget-report';

describe('budget against transfers and expenditure by category (issue 14)', () => {
  it('M11 attributes an organisation’s transfers to its categories pro rata to budget, adding up to the cent', () => {
    const rows = budgetRows(
      [
        { organisation: 'IOM', category: 'staff', minor: '20000' },
        { organisation: 'IOM', category: 'operational', minor: '10000' },
        { organisation: 'UNDP', category: 'travel', minor: '5000' },
      ],
      [{ organisation: 'IOM', minor: '1000' }],
      [{ organisation: 'IOM', category: 'staff', minor: '300' }],
    );
    expect(rows).toEqual([
      { organisation: 'IOM', category: 'operational', budgetMinor: 10000n, transferredMinor: 333n, spentMinor: 0n },
      { organisation: 'IOM', category: 'staff', budgetMinor: 20000n, transferredMinor: 667n, spentMinor: 300n },
      { organisation: 'UNDP', category: 'travel', budgetMinor: 5000n, transferredMinor: 0n, spentMinor: 0n },
    ]);
  });

  it('M11 keeps transfers and spending without a budget line visible as uncategorised or unbudgeted', () => {
    const rows = budgetRows(
      [],
      [{ organisation: 'UNHCR', minor: '700' }],
      [{ organisation: 'UNHCR', category: 'travel', minor: '100' }],
    );
    expect(rows).toEqual([
      { organisation: 'UNHCR', category: 'travel', budgetMinor: 0n, transferredMinor: 0n, spentMinor: 100n },
      { organisation: 'UNHCR', category: 'uncategorised', budgetMinor: 0n, transferredMinor: 700n, spentMinor: 0n },
    ]);
  });

  it('M11 never loses or invents a cent: per organisation, attributed transfers equal what it received', () => {
    const organisation = fc.constantFrom('IOM', 'UNDP', 'ILO');
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            organisation,
            category: fc.constantFrom('staff', 'travel', 'equipment', 'operational'),
            minor: fc.bigInt({ min: 0n, max: 10n ** 12n }).map(String),
          }),
          { maxLength: 12 },
        ),
        fc.uniqueArray(fc.record({ organisation, minor: fc.bigInt({ min: 0n, max: 10n ** 12n }).map(String) }), {
          selector: (t) => t.organisation,
        }),
        (budget, transfers) => {
          const rows = budgetRows(budget, transfers, []);
          for (const t of transfers) {
            const attributed = rows
              .filter((r) => r.organisation === t.organisation)
              .reduce((s, r) => s + r.transferredMinor, 0n);
            expect(attributed).toBe(BigInt(t.minor));
          }
          const budgeted = (o: string) =>
            budget.filter((b) => b.organisation === o).reduce((s, b) => s + BigInt(b.minor), 0n);
          for (const r of rows) {
            expect(r.budgetMinor).toBe(
              budget
                .filter((b) => b.organisation === r.organisation && b.category === r.category)
                .reduce((s, b) => s + BigInt(b.minor), 0n),
            );
            // Pro rata: within one cent of the exact share.
            const received = BigInt(transfers.find((t) => t.organisation === r.organisation)?.minor ?? '0');
            const total = budgeted(r.organisation);
            if (total > 0n && r.budgetMinor > 0n) {
              const exact = (received * r.budgetMinor) / total;
              expect(r.transferredMinor - exact >= 0n && r.transferredMinor - exact <= 1n).toBe(true);
            }
          }
        },
      ),
    );
  });
});
