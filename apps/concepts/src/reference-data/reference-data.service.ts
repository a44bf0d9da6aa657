import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ConceptNoteReferenceData } from '../submission/concept-note.aggregate';
import { CountryRecord, ParticipatingOrganisationRecord, ThematicAreaRecord } from './reference-data.entities';

@Injectable()
export class ReferenceDataService {
  /** Read inside the command's transaction, so a check and the write it allows see the same reference data. */
  async forConceptNotes(manager: EntityManager): Promise<ConceptNoteReferenceData> {
    // One after another: a transaction is one connection, which runs one query at a time.
    const areas = await manager.find(ThematicAreaRecord);
    const organisations = await manager.find(ParticipatingOrganisationRecord, { where: { eligible: true } });
    const countries = await manager.find(CountryRecord, { select: { code: true } });
    return {
      thematicAreas: new Map(areas.map((a) => [a.number, new Set(a.gcmObjectives)])),
      eligibleOrganisations: new Set(organisations.map((o) => o.code)),
      countries: new Set(countries.map((c) => c.code)),
    };
  }
}
