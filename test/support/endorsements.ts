import request from 'supertest';

/** A small, valid PDF: what a government attaches as its endorsement letter in tests. Plain ASCII, so it fits a string. */
export const LETTER_PDF =
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

/** The multipart body of `POST /concepts/{id}/endorsements` for `country`'s letter, for clients that send strings. */
export function letterUpload(country: string): { contentType: string; body: string } {
  const boundary = `fundline-letter-${country}`;
  const body =
    `--${boundary}\r\nContent-Disposition: form-data; name="country"\r\n\r\n${country}\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="endorsement-${country}.pdf"\r\n` +
    `Content-Type: application/pdf\r\n\r\n${LETTER_PDF}\r\n--${boundary}--\r\n`;
  return { contentType: `multipart/form-data; boundary=${boundary}`, body };
}

/** The states whose letters a submission's screening asks for: the submitter (M2) and every endorsing state (F5). */
export function endorsingCountries(concept: { submittingCountry: string; endorsements?: Array<{ country: string }> }) {
  return [...new Set([concept.submittingCountry, ...(concept.endorsements ?? []).map((e) => e.country)])];
}

/**
 * Attaches, as the owning government, the endorsement letters a draft's screening asks for (issue 13: a concept note
 * is submitted with its government's letter attached, a regional proposal with its endorsing states').
 */
export async function attachLetters(
  http: Parameters<typeof request>[0],
  auth: Record<string, string>,
  conceptId: string,
): Promise<void> {
  const concept = (await request(http).get(`/concepts/${conceptId}`).set(auth).expect(200)).body;
  for (const country of endorsingCountries(concept)) {
    const { contentType, body } = letterUpload(country);
    await request(http)
      .post(`/concepts/${conceptId}/endorsements`)
      .set(auth)
      .set('Content-Type', contentType)
      .send(body)
      .expect(201);
  }
}
