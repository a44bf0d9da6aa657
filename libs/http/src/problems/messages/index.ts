import { MessageParams, Violation } from '@fundline/domain';
import { EN, MessageKey } from './en';
import { ES } from './es';
import { FR } from './fr';
import { Language, Message } from './message';

export { EN, MessageKey } from './en';
export { LANGUAGES, Language, Message } from './message';

export const CATALOGUES: Record<Language, Record<MessageKey, Message>> = { en: EN, fr: FR, es: ES };

const PLACEHOLDER = /\{(\w+)\}/g;

/** The parameter names a template uses, each once. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** The template with its parameters filled in; undefined when one of them is missing. */
export function render(template: string, params: MessageParams): string | undefined {
  if (placeholdersOf(template).some((name) => params[name] === undefined)) return undefined;
  return template.replace(PLACEHOLDER, (_, name: string) => String(params[name]));
}

function isKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(EN, key);
}

/** What a problem carries into the catalogue: its code, status, English texts, parameters and violations. */
export interface ProblemText {
  code: string;
  status: number;
  /** The English title (absent: the code's or the status's) and detail as thrown, kept word for word in English. */
  title?: string;
  detail: string;
  params?: MessageParams;
  variant?: string;
  violations?: Violation[];
}

/** The generic entry for a status: `HTTP.<status>`, else the client-error or internal one. */
function statusKey(status: number): MessageKey {
  const key = `HTTP.${status}`;
  if (isKey(key)) return key;
  return status < 500 ? 'HTTP.4XX' : 'INTERNAL';
}

function unique(values: Array<string | undefined>): string {
  return [...new Set(values.filter((v): v is string => !!v))].join(', ');
}

/**
 * A problem's title, detail and violations in `language`. English keeps the thrown texts (what tests, logs and
 * clients already know); another language takes the code's catalogue entry, filled from the thrown parameters and
 * from the violations (`count`, `fields`, `rules`), and falls back to its status's generic text when a parameter is
 * missing, so that no answer mixes languages in a sentence. A single violation that says the same as the detail is
 * said in the same language; other violation messages stay English (their rule, field and limit never change).
 */
export function localize(
  problem: ProblemText,
  language: Language,
): { title: string; detail: string; violations?: Violation[] } {
  const { violations } = problem;
  const catalogue = CATALOGUES[language];
  const generic = catalogue[statusKey(problem.status)];
  const key = problem.variant ? `${problem.code}/${problem.variant}` : problem.code;
  const own = isKey(key) ? catalogue[key] : undefined;
  const base = isKey(problem.code) ? catalogue[problem.code] : undefined;
  const title = (language === 'en' ? problem.title : undefined) ?? own?.title ?? base?.title ?? generic.title ?? '';
  if (language === 'en') return { title, detail: problem.detail, violations };
  const params: MessageParams = {
    count: violations?.length ?? 0,
    fields: unique(violations?.map((v) => v.field) ?? []),
    rules: unique(violations?.map((v) => v.rule) ?? []),
    ...problem.params,
  };
  const detail = (own && render(own.detail, params)) ?? generic.detail;
  const echoed = violations?.length === 1 && violations[0].message === problem.detail;
  return { title, detail, violations: echoed ? [{ ...violations[0], message: detail }] : violations };
}
