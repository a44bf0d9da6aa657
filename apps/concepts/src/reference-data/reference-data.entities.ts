import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'countries' })
export class CountryRecord {
  @PrimaryColumn('char', { length: 3 })
  code: string;

  @Column('text')
  name: string;
}

@Entity({ name: 'thematic_areas' })
export class ThematicAreaRecord {
  @PrimaryColumn('int')
  number: number;

  @Column('text')
  name: string;

  @Column('int', { name: 'gcm_objectives', array: true })
  gcmObjectives: number[];
}

@Entity({ name: 'participating_organisations' })
export class ParticipatingOrganisationRecord {
  @PrimaryColumn('text')
  code: string;

  @Column('text')
  name: string;

  @Column('boolean')
  eligible: boolean;
}
