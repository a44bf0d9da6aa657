import ExcelJS from 'exceljs';
import { csvCell } from '../credit-line-report/credit-line-report.formats';
import { deliveryRate, usd } from '../credit-line-report/credit-line-report';
import { BudgetReport, BudgetRow } from './budget-report';

export const BUDGET_COLUMNS = [
  'organisation',
  'category',
  'budget_usd',
  'transferred_usd',
  'spent_usd',
  'delivery_rate',
  'unspent_budget_usd',
] as const;

const sum = (rows: BudgetRow[]) =>
  rows.reduce(
    (t, r) => ({
      budgetMinor: t.budgetMinor + r.budgetMinor,
      transferredMinor: t.transferredMinor + r.transferredMinor,
      spentMinor: t.spentMinor + r.spentMinor,
    }),
    { budgetMinor: 0n, transferredMinor: 0n, spentMinor: 0n },
  );

const amounts = (r: Pick<BudgetRow, 'budgetMinor' | 'transferredMinor' | 'spentMinor'>) => ({
  budget: usd(r.budgetMinor),
  transferred: usd(r.transferredMinor),
  spent: usd(r.spentMinor),
  deliveryRate: deliveryRate(r.spentMinor, r.transferredMinor),
  unspentBudget: usd(r.budgetMinor - r.spentMinor),
});

/** The categories across organisations: what a line or window report reads first. */
function byCategory(report: BudgetReport) {
  const categories = [...new Set(report.rows.map((r) => r.category))].sort();
  return categories.map((category) => ({
    category,
    ...amounts(sum(report.rows.filter((r) => r.category === category))),
  }));
}

/** JSON for machines: amounts as decimal strings, M11's delivery rate per line and per category. */
export function budgetJson(report: BudgetReport) {
  return {
    scope: report.scope,
    asOf: report.asOf,
    currency: report.currency,
    rows: report.rows.map((r) => ({ organisation: r.organisation, category: r.category, ...amounts(r) })),
    byCategory: byCategory(report),
    totals: amounts(sum(report.rows)),
  };
}

/** CSV: one row per organisation and category, then a totals row. */
export function budgetCsv(report: BudgetReport): string {
  const json = budgetJson(report);
  const line = (cells: Array<string | null>) => cells.map(csvCell).join(',');
  const row = (organisation: string, category: string, a: ReturnType<typeof amounts>) =>
    line([organisation, category, a.budget, a.transferred, a.spent, a.deliveryRate, a.unspentBudget]);
  return (
    [
      BUDGET_COLUMNS.join(','),
      ...json.rows.map((r) => row(r.organisation, r.category, r)),
      row('TOTAL', '', json.totals),
    ].join('\r\n') + '\r\n'
  );
}

/** A spreadsheet with typed, currency-formatted cells and formulas for the totals. */
export async function budgetXlsx(report: BudgetReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Fundline';
  const sheet = workbook.addWorksheet('Budget');
  sheet.columns = BUDGET_COLUMNS.map((key) => ({ header: key, key, width: key === 'category' ? 32 : 18 }));
  const money = '#,##0.00';
  const number = (minor: bigint) => Number(minor) / 100;
  for (const r of report.rows) {
    const added = sheet.addRow({
      organisation: r.organisation,
      category: r.category,
      budget_usd: number(r.budgetMinor),
      transferred_usd: number(r.transferredMinor),
      spent_usd: number(r.spentMinor),
      delivery_rate: r.transferredMinor === 0n ? null : Number(deliveryRate(r.spentMinor, r.transferredMinor)),
      unspent_budget_usd: number(r.budgetMinor - r.spentMinor),
    });
    for (const key of ['budget_usd', 'transferred_usd', 'spent_usd', 'unspent_budget_usd']) {
      added.getCell(key).numFmt = money;
    }
  }
  const last = report.rows.length + 1;
  const t = sum(report.rows);
  const total = sheet.addRow({ organisation: 'TOTAL' });
  for (const [key, col, value] of [
    ['budget_usd', 'C', t.budgetMinor],
    ['transferred_usd', 'D', t.transferredMinor],
    ['spent_usd', 'E', t.spentMinor],
    ['unspent_budget_usd', 'G', t.budgetMinor - t.spentMinor],
  ] as const) {
    const cell = total.getCell(key);
    cell.value = last >= 2 ? { formula: `SUM(${col}2:${col}${last})`, result: number(value) } : 0;
    cell.numFmt = money;
  }
  total.font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
