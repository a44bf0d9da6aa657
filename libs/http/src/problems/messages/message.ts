/** The languages problem texts are written in; English is the default and the reference. */
export const LANGUAGES = ['en', 'fr', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** One problem's texts in one language: `detail` is a template whose `{name}`s are the problem's parameters. */
export interface Message {
  title?: string;
  detail: string;
}
