/**
 * Every text the notifier sends, in the three working languages of IOM. A template names its parameters in braces;
 * `messages.spec.ts` checks that every key exists in every language with the same parameters, so a translation can
 * never be missing or take a parameter the others do not give.
 */
export const LANGUAGES = ['en', 'fr', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

export type Catalogue = Readonly<Record<string, string>>;

const en: Catalogue = {
  greeting: 'Dear {name},',
  signature: 'Fundline, on behalf of the {fundName}',
  'footer.opt-out': 'You can choose which notifications you receive in Fundline (notification preferences).',
  'footer.contractual': 'This reminder concerns a contractual obligation and cannot be switched off.',

  'obligation-reminder.subject': 'Report due in {days} days: {report} for "{title}"',
  'obligation-reminder.body':
    'The {report} for "{title}" is due on {dueOn}, in {days} days.\nPlease submit it before that date.',
  'obligation-overdue.subject': 'Report overdue: {report} for "{title}"',
  'obligation-overdue.body':
    'The {report} for "{title}" was due on {dueOn} and has not been received.\nPlease submit it as soon as possible.',

  'screening-eligible.subject': 'Eligible and in the pipeline: "{title}"',
  'screening-eligible.body':
    '"{title}" meets the eligibility rules and has entered the pipeline of the {fundName}. It stays there until {expiresOn} unless a decision is taken before.',
  'screening-ineligible.subject': 'Not eligible: "{title}"',
  'screening-ineligible.body':
    '"{title}" does not meet the following rules and cannot enter the pipeline:\n{failedRules}\nYou may revise and submit it again.',

  'decision-approved.subject': 'Approved: "{title}"',
  'decision-approved.body': 'The {approvingBody} approved "{title}" on {decidedOn}, with an allocation of {amount}.',
  'decision-deferred.subject': 'Decision deferred: "{title}"',
  'decision-deferred.body':
    'The {approvingBody} deferred its decision on "{title}" on {decidedOn}.\nReasons: {reasons}',
  'decision-rejected.subject': 'Not approved: "{title}"',
  'decision-rejected.body': 'The {approvingBody} did not approve "{title}" on {decidedOn}.\nReasons: {reasons}',

  'transfer-disbursed.subject': 'Transfer made: {amount} for "{title}"',
  'transfer-disbursed.body': '{amount} was transferred to {organisation} for "{title}" on {transferDate}.',

  'allocation-revised.subject': 'Revision recorded: "{title}"',
  'allocation-revised.body':
    'A {revision} of "{title}" was recorded on {revisedOn}. The programme now ends on {endDate} (before: {previousEndDate}).\nReason: {reason}',
  'revision.budget-revision': 'budget revision',
  'revision.no-cost-extension': 'no-cost extension',
  'revision.scope-change': 'change of scope',
  'revision-refused.subject': 'Revision not approved: "{title}"',
  'revision-refused.body':
    'The {approvingBody} did not approve the {revision} requested for "{title}", on {decidedOn}. The programme continues as before.\nReason: {reason}',

  'pipeline-expiry-warning.subject': 'Leaving the pipeline on {expiresOn}: "{title}"',
  'pipeline-expiry-warning.body':
    '"{title}" will leave the pipeline on {expiresOn} if no decision is taken before (rule M7). It can then be submitted again.',
  'pipeline-expired.subject': 'Left the pipeline: "{title}"',
  'pipeline-expired.body':
    '"{title}" has left the pipeline after its period of validity without a decision (rule M7). It can be submitted again.',

  'digest.subject': 'Fundline: {count} updates for {date}',
  'digest.body': 'What happened on {date}:\n{items}',

  'webhook-disabled.subject': 'Webhook endpoint disabled: {url}',
  'webhook-disabled.body':
    'The endpoint {url} failed {failures} deliveries in a row and has been disabled. Last error: {lastError}\nIts undelivered events are kept; enable the endpoint and replay them once it works again.',

  'decision.steering-committee': 'Steering Committee',
  'decision.approving-authority': 'approving authority',

  'report.monitoring-framework': 'results monitoring framework',
  'report.interim-narrative-report': 'interim narrative report',
  'report.final-narrative-report': 'final narrative report',
  'report.final-financial-report': 'final financial report',
  'report.ex-post-evaluation': 'ex-post evaluation',
  'report.annual-expenditure': 'annual expenditure report',

  'rule.G1': 'amounts are exact and in the reporting currency (USD)',
  'rule.G4': 'the submission can only move along the allowed steps',
  'rule.G5': 'no allocation above the available balance',
  'rule.M1': 'exactly one of the five thematic areas, with its GCM objectives',
  'rule.M2': 'the submitting government must be one of the countries covered, with its endorsement',
  'rule.M3': 'at least two participating UN organisations',
  'rule.M4': 'the budget must split the amount exactly among the organisations, with indirect costs of at most 7%',
  'rule.M5': 'gender and human rights marker scores of at least 2',
  'rule.M6': 'more than one government entity and civil society involved',
  'rule.M7': 'a concept stays in the pipeline for a limited period',
  'rule.M14': 'a results framework: outcomes, outputs and indicators with baseline and target',
  'rule.F1': 'the beneficiary must be a developing IOM Member State or an economy in transition',
  'rule.F2': 'the project must be on one of the two credit lines',
  'rule.F3': 'states under Article 4 of the IOM Constitution are excluded from Line 2',
  'rule.F4': 'the amount must stay within the per-project ceiling',
  'rule.F5': 'a regional project needs at least two eligible endorsing states',
  'rule.F6': 'a follow-up must reference its Line 1 parent project',
  'rule.F7': 'staff and office costs of at most 30% of the budget',
  'rule.F8': 'the project must be in one of the eligible focus areas',
  'rule.other': 'rule {rule}',
};

const fr: Catalogue = {
  greeting: 'Madame, Monsieur ({name}),',
  signature: 'Fundline, au nom du {fundName}',
  'footer.opt-out':
    'Vous pouvez choisir les notifications que vous recevez dans Fundline (préférences de notification).',
  'footer.contractual': 'Ce rappel concerne une obligation contractuelle et ne peut pas être désactivé.',

  'obligation-reminder.subject': 'Rapport attendu dans {days} jours : {report} pour « {title} »',
  'obligation-reminder.body':
    'Échéance le {dueOn}, dans {days} jours : {report} pour « {title} ».\nMerci de le soumettre avant cette date.',
  'obligation-overdue.subject': 'Rapport en retard : {report} pour « {title} »',
  'obligation-overdue.body':
    'Échéance dépassée depuis le {dueOn} : {report} pour « {title} », non reçu à ce jour.\nMerci de le soumettre dès que possible.',

  'screening-eligible.subject': 'Éligible et inscrite à la liste des projets : « {title} »',
  'screening-eligible.body':
    "« {title} » satisfait aux critères d'éligibilité et a été inscrite à la liste des projets du {fundName}. Elle y reste jusqu'au {expiresOn}, sauf décision antérieure.",
  'screening-ineligible.subject': 'Non éligible : « {title} »',
  'screening-ineligible.body':
    '« {title} » ne satisfait pas aux règles suivantes et ne peut pas être inscrite à la liste des projets :\n{failedRules}\nVous pouvez la réviser et la soumettre à nouveau.',

  'decision-approved.subject': 'Approuvée : « {title} »',
  'decision-approved.body':
    'Décision du {decidedOn} ({approvingBody}) : « {title} » est approuvée, avec une allocation de {amount}.',
  'decision-deferred.subject': 'Décision reportée : « {title} »',
  'decision-deferred.body':
    'Décision du {decidedOn} ({approvingBody}) : la décision sur « {title} » est reportée.\nMotifs : {reasons}',
  'decision-rejected.subject': 'Non approuvée : « {title} »',
  'decision-rejected.body':
    "Décision du {decidedOn} ({approvingBody}) : « {title} » n'est pas approuvée.\nMotifs : {reasons}",

  'transfer-disbursed.subject': 'Transfert effectué : {amount} pour « {title} »',
  'transfer-disbursed.body': '{amount} ont été transférés à {organisation} pour « {title} » le {transferDate}.',

  'allocation-revised.subject': 'Révision enregistrée : « {title} »',
  'allocation-revised.body':
    'Révision du {revisedOn} ({revision}) pour « {title} ». Le programme se termine désormais le {endDate} (auparavant : {previousEndDate}).\nMotif : {reason}',
  'revision.budget-revision': 'révision budgétaire',
  'revision.no-cost-extension': 'prolongation sans incidence financière',
  'revision.scope-change': 'modification de la portée',
  'revision-refused.subject': 'Révision non approuvée : « {title} »',
  'revision-refused.body':
    'Décision du {decidedOn} ({approvingBody}) : la demande de {revision} pour « {title} » n’est pas approuvée. Le programme se poursuit sans changement.\nMotif : {reason}',

  'pipeline-expiry-warning.subject': 'Sortie de la liste des projets le {expiresOn} : « {title} »',
  'pipeline-expiry-warning.body':
    "« {title} » sortira de la liste des projets le {expiresOn} si aucune décision n'est prise d'ici là (règle M7). Elle pourra alors être soumise à nouveau.",
  'pipeline-expired.subject': 'Sortie de la liste des projets : « {title} »',
  'pipeline-expired.body':
    '« {title} » est sortie de la liste des projets à la fin de sa période de validité, sans décision (règle M7). Elle peut être soumise à nouveau.',

  'digest.subject': 'Fundline : {count} nouvelles du {date}',
  'digest.body': "Ce qui s'est passé le {date} :\n{items}",

  'webhook-disabled.subject': 'Point de terminaison de webhook désactivé : {url}',
  'webhook-disabled.body':
    "Le point de terminaison {url} a échoué {failures} livraisons de suite et a été désactivé. Dernière erreur : {lastError}\nLes événements non livrés sont conservés ; réactivez-le et relancez-les lorsqu'il fonctionnera de nouveau.",

  'decision.steering-committee': 'Comité directeur',
  'decision.approving-authority': "autorité d'approbation",

  'report.monitoring-framework': 'cadre de suivi des résultats',
  'report.interim-narrative-report': 'rapport narratif intermédiaire',
  'report.final-narrative-report': 'rapport narratif final',
  'report.final-financial-report': 'rapport financier final',
  'report.ex-post-evaluation': 'évaluation ex post',
  'report.annual-expenditure': 'rapport annuel des dépenses',

  'rule.G1': 'les montants sont exacts et dans la monnaie de référence (USD)',
  'rule.G4': 'la soumission ne peut suivre que les étapes autorisées',
  'rule.G5': 'aucune allocation au-delà du solde disponible',
  'rule.M1': 'un seul des cinq domaines thématiques, avec ses objectifs du Pacte mondial',
  'rule.M2': "le gouvernement qui soumet doit être l'un des pays couverts, avec sa lettre d'approbation",
  'rule.M3': 'au moins deux organisations participantes des Nations Unies',
  'rule.M4':
    'le budget doit répartir exactement le montant entre les organisations, avec des coûts indirects de 7 % au plus',
  'rule.M5': "des marqueurs d'égalité des genres et de droits humains d'au moins 2",
  'rule.M6': "plus d'une entité gouvernementale et la société civile associées",
  'rule.M7': 'une note conceptuelle reste dans la liste des projets pour une durée limitée',
  'rule.M14': 'un cadre de résultats : effets, produits et indicateurs avec situation de référence et cible',
  'rule.F1': "le bénéficiaire doit être un État Membre de l'OIM en développement ou en transition",
  'rule.F2': "le projet doit relever de l'une des deux lignes de crédit",
  'rule.F3': "les États relevant de l'article 4 de la Constitution de l'OIM sont exclus de la ligne 2",
  'rule.F4': 'le montant doit rester dans le plafond par projet',
  'rule.F5': 'un projet régional doit être approuvé par au moins deux États éligibles',
  'rule.F6': 'un projet de suivi doit mentionner son projet parent de la ligne 1',
  'rule.F7': 'des coûts de personnel et de bureau de 30 % du budget au plus',
  'rule.F8': "le projet doit relever d'un des domaines d'intervention éligibles",
  'rule.other': 'règle {rule}',
};

const es: Catalogue = {
  greeting: 'Estimado/a {name}:',
  signature: 'Fundline, en nombre del {fundName}',
  'footer.opt-out': 'Puede elegir qué notificaciones recibe en Fundline (preferencias de notificación).',
  'footer.contractual': 'Este recordatorio se refiere a una obligación contractual y no puede desactivarse.',

  'obligation-reminder.subject': 'Informe pendiente en {days} días: {report} de «{title}»',
  'obligation-reminder.body':
    'Vencimiento el {dueOn}, dentro de {days} días: {report} de «{title}».\nLe rogamos que lo presente antes de esa fecha.',
  'obligation-overdue.subject': 'Informe atrasado: {report} de «{title}»',
  'obligation-overdue.body':
    'Vencimiento superado el {dueOn}: {report} de «{title}», aún no recibido.\nLe rogamos que lo presente lo antes posible.',

  'screening-eligible.subject': 'Admisible e incluida en la cartera: «{title}»',
  'screening-eligible.body':
    '«{title}» cumple los criterios de admisibilidad y se ha incluido en la cartera de proyectos del {fundName}. Permanecerá en ella hasta el {expiresOn}, salvo que antes se adopte una decisión.',
  'screening-ineligible.subject': 'No admisible: «{title}»',
  'screening-ineligible.body':
    '«{title}» no cumple las siguientes reglas y no puede incluirse en la cartera de proyectos:\n{failedRules}\nPuede revisarla y presentarla de nuevo.',

  'decision-approved.subject': 'Aprobada: «{title}»',
  'decision-approved.body':
    'Decisión del {decidedOn} ({approvingBody}): «{title}» queda aprobada, con una asignación de {amount}.',
  'decision-deferred.subject': 'Decisión aplazada: «{title}»',
  'decision-deferred.body':
    'Decisión del {decidedOn} ({approvingBody}): se aplaza la decisión sobre «{title}».\nMotivos: {reasons}',
  'decision-rejected.subject': 'No aprobada: «{title}»',
  'decision-rejected.body':
    'Decisión del {decidedOn} ({approvingBody}): «{title}» no queda aprobada.\nMotivos: {reasons}',

  'transfer-disbursed.subject': 'Transferencia realizada: {amount} para «{title}»',
  'transfer-disbursed.body': 'Se transfirieron {amount} a {organisation} para «{title}» el {transferDate}.',

  'allocation-revised.subject': 'Revisión registrada: «{title}»',
  'allocation-revised.body':
    'Revisión del {revisedOn} ({revision}) de «{title}». El programa termina ahora el {endDate} (antes: {previousEndDate}).\nMotivo: {reason}',
  'revision.budget-revision': 'revisión presupuestaria',
  'revision.no-cost-extension': 'prórroga sin costo adicional',
  'revision.scope-change': 'cambio de alcance',
  'revision-refused.subject': 'Revisión no aprobada: «{title}»',
  'revision-refused.body':
    'Decisión del {decidedOn} ({approvingBody}): no se aprueba la solicitud de {revision} para «{title}». El programa continúa sin cambios.\nMotivo: {reason}',

  'pipeline-expiry-warning.subject': 'Saldrá de la cartera el {expiresOn}: «{title}»',
  'pipeline-expiry-warning.body':
    '«{title}» saldrá de la cartera de proyectos el {expiresOn} si antes no se adopta una decisión (regla M7). Podrá presentarse de nuevo.',
  'pipeline-expired.subject': 'Salió de la cartera: «{title}»',
  'pipeline-expired.body':
    '«{title}» salió de la cartera de proyectos al término de su período de validez sin una decisión (regla M7). Puede presentarse de nuevo.',

  'digest.subject': 'Fundline: {count} novedades del {date}',
  'digest.body': 'Lo ocurrido el {date}:\n{items}',

  'webhook-disabled.subject': 'Punto de conexión de webhook desactivado: {url}',
  'webhook-disabled.body':
    'El punto de conexión {url} falló {failures} entregas seguidas y se ha desactivado. Último error: {lastError}\nLos eventos no entregados se conservan; actívelo y vuelva a enviarlos cuando funcione de nuevo.',

  'decision.steering-committee': 'Comité Directivo',
  'decision.approving-authority': 'autoridad de aprobación',

  'report.monitoring-framework': 'marco de seguimiento de resultados',
  'report.interim-narrative-report': 'informe narrativo intermedio',
  'report.final-narrative-report': 'informe narrativo final',
  'report.final-financial-report': 'informe financiero final',
  'report.ex-post-evaluation': 'evaluación ex post',
  'report.annual-expenditure': 'informe anual de gastos',

  'rule.G1': 'los importes son exactos y en la moneda de referencia (USD)',
  'rule.G4': 'la presentación solo puede seguir los pasos permitidos',
  'rule.G5': 'ninguna asignación por encima del saldo disponible',
  'rule.M1': 'una sola de las cinco áreas temáticas, con sus objetivos del Pacto Mundial',
  'rule.M2': 'el gobierno que presenta debe ser uno de los países cubiertos, con su carta de respaldo',
  'rule.M3': 'al menos dos organizaciones participantes de las Naciones Unidas',
  'rule.M4':
    'el presupuesto debe repartir exactamente el importe entre las organizaciones, con costos indirectos de hasta el 7 %',
  'rule.M5': 'marcadores de género y de derechos humanos de al menos 2',
  'rule.M6': 'más de una entidad gubernamental y la sociedad civil participan',
  'rule.M7': 'una nota conceptual permanece en la cartera durante un tiempo limitado',
  'rule.M14': 'un marco de resultados: efectos, productos e indicadores con línea de base y meta',
  'rule.F1': 'el beneficiario debe ser un Estado Miembro de la OIM en desarrollo o con economía en transición',
  'rule.F2': 'el proyecto debe corresponder a una de las dos líneas de crédito',
  'rule.F3': 'los Estados sujetos al artículo 4 de la Constitución de la OIM quedan excluidos de la línea 2',
  'rule.F4': 'el importe debe respetar el tope por proyecto',
  'rule.F5': 'un proyecto regional necesita el respaldo de al menos dos Estados admisibles',
  'rule.F6': 'un proyecto de seguimiento debe remitir a su proyecto original de la línea 1',
  'rule.F7': 'costos de personal y oficina de hasta el 30 % del presupuesto',
  'rule.F8': 'el proyecto debe corresponder a una de las esferas de actuación admisibles',
  'rule.other': 'regla {rule}',
};

export const CATALOGUES: Readonly<Record<Language, Catalogue>> = { en, fr, es };

/** The parameter names a template uses, in order of first appearance. */
export function parametersOf(template: string): string[] {
  return [...new Set([...template.matchAll(/\{([a-zA-Z]+)\}/g)].map((m) => m[1]))];
}

/** A template of the catalogue with its parameters filled in; a missing key or parameter is a bug, not a blank. */
export function message(
  language: Language,
  key: string,
  params: Readonly<Record<string, string | number>> = {},
): string {
  const template = CATALOGUES[language][key];
  if (template === undefined) throw new Error(`no message ${key} in ${language}`);
  return template.replace(/\{([a-zA-Z]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`message ${key} needs the parameter ${name}`);
    return String(value);
  });
}

export function hasMessage(language: Language, key: string): boolean {
  return CATALOGUES[language][key] !== undefined;
}
