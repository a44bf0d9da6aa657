import { Language } from './catalogue';

const LOCALE: Record<Language, string> = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES' };
const SEPARATORS: Record<Language, { group: string; decimal: string }> = {
  en: { group: ',', decimal: '.' },
  fr: { group: '\u202f', decimal: ',' },
  es: { group: '.', decimal: ',' },
};

/** A calendar day (`2027-03-31`) written the way a reader of the language expects (`31 mars 2027`). */
export function dayIn(language: Language, day: string): string {
  return new Intl.DateTimeFormat(LOCALE[language], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day.slice(0, 10)}T00:00:00Z`));
}

/**
 * An amount from an event (`"1250000.00"`, USD) in the reader's convention (`1 250 000,00 USD`). The decimal string is
 * regrouped as text: money never passes through a float (G1).
 */
export function moneyIn(language: Language, amount: string, currency: string): string {
  const negative = amount.startsWith('-');
  const [whole, fraction = ''] = amount.replace(/^-/, '').split('.');
  const { group, decimal } = SEPARATORS[language];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const cents = fraction.padEnd(2, '0');
  return `${negative ? '-' : ''}${grouped}${decimal}${cents} ${currency}`;
}
