import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'funds' })
export class FundRecord {
  @PrimaryColumn('text')
  code: string;

  @Column('text')
  name: string;

  @Column('char', { name: 'reporting_currency', length: 3 })
  reportingCurrency: string;

  @Column('text')
  status: 'open' | 'closed';

  /**
   * The Administrative Agent fee as seeded, in basis points. The fee a deposit pays is its fund policy's
   * (`FundPolicy.feeBasisPoints`, M9): the policy is the source of truth, this column a record of the seed.
   */
  @Column('int', { name: 'fee_basis_points' })
  feeBasisPoints: number;

  @Column('bigint', { name: 'capitalization_target_minor', nullable: true })
  capitalizationTargetMinor: string | null;
}

@Entity({ name: 'fund_years' })
export class FundYearRecord {
  @PrimaryColumn('text', { name: 'fund_code' })
  fundCode: string;

  @PrimaryColumn('int')
  year: number;

  @Column('timestamptz', { name: 'opened_at', default: () => 'now()' })
  openedAt: Date;
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
