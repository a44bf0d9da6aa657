import { StreamableFile } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import { Response } from 'express';
import { CatchUpQuery } from './read-model/catch-up';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A report drawn as it stood at a moment, in the format finance people or machines ask for. */
export class AsOfFormatQuery extends CatchUpQuery {
  @ApiPropertyOptional({ example: '2027-06-30T23:59:59Z', description: 'The report as it stood at this moment' })
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'] })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'])
  format?: 'json' | 'csv' | 'xlsx';
}

/** Answers with the JSON, or a CSV or XLSX attachment named `name`, rendered only in the format asked for. */
export async function inFormat(
  res: Response,
  format: 'json' | 'csv' | 'xlsx' | undefined,
  name: string,
  render: { json: () => object; csv: () => string; xlsx: () => Promise<Buffer> },
): Promise<object | string | StreamableFile> {
  if (format === 'csv') {
    res.type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
    return render.csv();
  }
  if (format === 'xlsx') {
    return new StreamableFile(await render.xlsx(), { type: XLSX, disposition: `attachment; filename="${name}.xlsx"` });
  }
  return render.json();
}
