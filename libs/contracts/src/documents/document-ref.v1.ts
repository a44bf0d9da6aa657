import { IsUUID, Matches } from 'class-validator';

/** A stored document named by an event: its id and its SHA-256, never its bytes (issue 13). */
export class DocumentRefV1 {
  @IsUUID() documentId: string;
  @Matches(/^[0-9a-f]{64}$/) sha256: string;
}

/** An endorsement letter attached to a submission (M2, F5): the endorsing state and the document. */
export class EndorsementLetterV1 extends DocumentRefV1 {
  @Matches(/^[A-Z]{3}$/) country: string;
}
