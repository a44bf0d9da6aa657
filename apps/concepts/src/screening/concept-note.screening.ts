import { describeBudgetLimit, indirectSupportCheck } from '@fundline/domain';
import { categoriesOf, minorLinesOf } from '../budget/budget.value';
import { VerdictLine } from '../lifecycle/submission';
import { parameter, ReferenceSnapshot } from '../reference-data/reference-snapshot';
import { ConceptNoteContent, participatingOrganisations } from '../submission/concept-note.aggregate';

/**
 * M1–M6: the eligibility of a concept note against the reference data in force on the snapshot's date. `letters`: the
 * countries whose endorsement letter is attached to it as a document (issue 13).
 */
export function screenConceptNote(
  note: ConceptNoteContent & { submittingCountry: string },
  snapshot: ReferenceSnapshot,
  letters: readonly string[],
): VerdictLine[] {
  const lines: VerdictLine[] = [];
  const line = (rule: string, passed: boolean, detail: string) => lines.push({ rule, passed, detail });

  const objectives = snapshot.thematicAreas.get(note.thematicArea);
  const matching = note.gcmObjectives.filter((o) => objectives?.has(o));
  line(
    'M1',
    matching.length > 0,
    objectives
      ? matching.length > 0
        ? `GCM objective(s) ${matching.join(', ')} belong to thematic area ${note.thematicArea}`
        : `none of GCM objectives ${note.gcmObjectives.join(', ')} belongs to thematic area ${note.thematicArea}`
      : `thematic area ${note.thematicArea} is not in force on ${snapshot.date}`,
  );

  const unknownCountries = note.countries.filter((c) => !snapshot.countries.has(c));
  const covered = note.countries.includes(note.submittingCountry);
  const letter = letters.includes(note.submittingCountry);
  line(
    'M2',
    covered && unknownCountries.length === 0 && letter && note.endorsement.letterReference.trim().length > 0,
    !covered
      ? `the submitting government ${note.submittingCountry} is not a covered country`
      : unknownCountries.length
        ? `unknown countries on ${snapshot.date}: ${unknownCountries.join(', ')}`
        : !letter
          ? `the endorsement letter of ${note.submittingCountry} is missing: attach it as a document before submitting`
          : `government-led by ${note.submittingCountry}, endorsed by letter ${note.endorsement.letterReference} (attached)`,
  );

  const organisations = participatingOrganisations(note);
  const ineligible = organisations.filter((o) => !snapshot.organisations.get(o)?.eligible);
  line(
    'M3',
    organisations.length >= 2 && ineligible.length === 0,
    ineligible.length
      ? `${ineligible.join(', ')} not eligible participating organisation(s) on ${snapshot.date}`
      : `${organisations.length} participating UN organisations: ${organisations.join(', ')}`,
  );

  const capBasisPoints = parameter(snapshot, 'mptf.indirect-support-cost.cap-basis-points');
  const categories = categoriesOf(snapshot.budgetCategories, 'concept-note');
  const m4 = note.budget.map((b) => {
    const unknown = b.lines.filter((l) => !categories.has(l.category)).map((l) => l.category);
    const check = indirectSupportCheck(b.organisation, minorLinesOf(b.lines), categories, capBasisPoints);
    const detail = unknown.length
      ? `${b.organisation}: ${unknown.join(', ')} not budget categories in force on ${snapshot.date}`
      : describeBudgetLimit(check);
    return { passed: check.within && unknown.length === 0, detail };
  });
  const failing = m4.filter((o) => !o.passed);
  line('M4', failing.length === 0, (failing.length ? failing : m4).map((o) => o.detail).join('; '));

  const minimum = parameter(snapshot, 'mptf.marker.minimum');
  const markersOk = note.markers.gender >= minimum && note.markers.humanRights >= minimum;
  line(
    'M5',
    markersOk,
    `gender marker ${note.markers.gender}, human rights marker ${note.markers.humanRights}; minimum ${minimum}`,
  );

  const governmentEntities = note.partners.government.length;
  const societyPartners = note.partners.society.length;
  line(
    'M6',
    governmentEntities > 1 && societyPartners >= 1,
    `${governmentEntities} government entit${governmentEntities === 1 ? 'y' : 'ies'} (more than one needed), ` +
      `${societyPartners} civil-society, migrant or community partner(s) (one needed)`,
  );
  return lines;
}
