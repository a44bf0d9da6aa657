import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'funds' })
export class FundRecord {
  @PrimaryColumn('text')
  code: string;

  @Column('text')
  name: string;

  @Column('char', { name: 'reporting_currency', length: 3 })
  reportingCurrency: string;
}

/**
 * A pocket is where money of a fund is kept apart: the MPTF's unearmarked pool and its thematic windows (M9), or
 * Fund 1035's two credit lines (F2), which are never mixed.
 */
@Entity({ name: 'pockets' })
export class PocketRecord {
  @PrimaryColumn('text', { name: 'fund_code' })
  fundCode: string;

  @PrimaryColumn('text')
  code: string;

  @Column('text')
  name: string;

  @Column('text')
  kind: string;

  @Column('int', { name: 'thematic_area', nullable: true })
  thematicArea: number | null;
}
