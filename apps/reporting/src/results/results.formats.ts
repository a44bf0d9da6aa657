import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvCell } from '../credit-line-report/credit-line-report.formats';
import { IndicatorRow } from './results.view';

/** The columns of the CSV and XLSX, one row per indicator; the figures as the framework writes them. */
const COLUMNS: Array<[keyof IndicatorRow, string]> = [
  ['conceptId', 'concept_id'],
  ['title', 'title'],
  ['country', 'country'],
  ['outcomeCode', 'outcome_code'],
  ['outcome', 'outcome'],
  ['outputCode', 'output_code'],
  ['output', 'output'],
  ['indicatorCode', 'indicator_code'],
  ['indicator', 'indicator'],
  ['unit', 'unit'],
  ['baseline', 'baseline'],
  ['target', 'target'],
  ['achieved', 'achieved'],
  ['progressPercent', 'progress_percent'],
  ['report', 'report'],
  ['reportedOn', 'reported_on'],
  ['meansOfVerification', 'means_of_verification'],
];

const FIGURES = new Set<keyof IndicatorRow>(['baseline', 'target', 'achieved', 'progressPercent']);

/** CSV with formula-like cells neutralised; figures stay the exact decimal strings. */
export function resultsCsv(rows: IndicatorRow[]): string {
  const lines = rows.map((row) => COLUMNS.map(([key]) => csvCell(row[key])).join(','));
  return [COLUMNS.map(([, header]) => header).join(','), ...lines].join('\r\n') + '\r\n';
}

/**
 * A Results sheet, one row per indicator. Figures leave their decimal strings only here, as spreadsheet numbers, so a
 * reader can chart and sum them; the JSON and CSV keep them exact.
 */
export async function resultsXlsx(rows: IndicatorRow[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Fundline';
  const sheet = workbook.addWorksheet('Results');
  sheet.columns = COLUMNS.map(([key, header]) => ({
    header,
    key,
    width: ['title', 'outcome', 'output', 'indicator', 'meansOfVerification'].includes(key) ? 40 : 16,
  }));
  for (const row of rows) {
    const cells = Object.fromEntries(
      COLUMNS.map(([key]) => {
        const value = row[key];
        return [key, FIGURES.has(key) && value !== null ? Number(value) : value];
      }),
    );
    sheet.addRow(cells).commit();
  }
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}
