import { Language } from './catalogue';

/**
 * The working language IOM uses with a government when its contact has not chosen one: French for states where
 * French is an official language or the usual language of correspondence with IOM (Maghreb, Lebanon), Spanish where
 * Spanish is official; English otherwise (docs/domain-decisions.md, "Notification languages").
 */
const FRENCH = new Set([
  'BDI',
  'BEN',
  'BFA',
  'CAF',
  'CIV',
  'CMR',
  'COD',
  'COG',
  'COM',
  'DJI',
  'DZA',
  'FRA',
  'GAB',
  'GIN',
  'HTI',
  'LBN',
  'LUX',
  'MAR',
  'MCO',
  'MDG',
  'MLI',
  'MRT',
  'NER',
  'SEN',
  'TCD',
  'TGO',
  'TUN',
]);
const SPANISH = new Set([
  'ARG',
  'BOL',
  'CHL',
  'COL',
  'CRI',
  'CUB',
  'DOM',
  'ECU',
  'ESP',
  'GNQ',
  'GTM',
  'HND',
  'MEX',
  'NIC',
  'PAN',
  'PER',
  'PRY',
  'SLV',
  'URY',
  'VEN',
]);

export function languageOfCountry(country: string): Language {
  if (FRENCH.has(country)) return 'fr';
  if (SPANISH.has(country)) return 'es';
  return 'en';
}
