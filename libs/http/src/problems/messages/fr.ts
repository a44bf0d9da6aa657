import { MessageKey } from './en';
import { Message } from './message';

/** French problem texts (register of the UN and IOM French documents), parameter for parameter as in English. */
export const FR: Record<MessageKey, Message> = {
  'HTTP.400': { title: 'La requête n’est pas valide', detail: 'La requête n’est pas valide.' },
  'HTTP.401': { title: 'Une authentification est requise', detail: 'Une authentification est requise.' },
  'HTTP.401/BEARER_REQUIRED': { detail: 'un jeton d’accès (bearer token) est requis' },
  'HTTP.401/INVALID_TOKEN': { detail: 'jeton d’accès non valide : {reason}' },
  'HTTP.403': {
    title: 'Votre rôle ne permet pas cette opération',
    detail: 'Votre rôle ne permet pas cette opération.',
  },
  'HTTP.403/ROLE': { detail: 'le rôle {role} ne permet pas cette opération ; rôles autorisés : {allowed}' },
  'HTTP.404': { title: 'Introuvable', detail: 'La ressource demandée est introuvable.' },
  'HTTP.405': { title: 'Méthode non autorisée', detail: 'Cette méthode n’est pas autorisée pour cette ressource.' },
  'HTTP.409': { title: 'Conflit avec l’état actuel', detail: 'La requête est en conflit avec l’état actuel.' },
  'HTTP.413': {
    title: 'Le corps de la requête est trop volumineux',
    detail: 'Le corps de la requête est trop volumineux.',
  },
  'HTTP.414': { title: 'L’URI de la requête est trop longue', detail: 'L’URI de la requête est trop longue.' },
  'HTTP.415': { title: 'Type de média non pris en charge', detail: 'Type de média non pris en charge.' },
  'HTTP.422': {
    title: 'Une règle de gestion n’est pas respectée',
    detail: 'Une règle de gestion n’est pas respectée.',
  },
  'HTTP.429': { title: 'Trop de requêtes', detail: 'Trop de requêtes.' },
  'HTTP.429/RATE_LIMIT': {
    detail:
      'plus de {perSecond} requêtes par seconde (pointe de {burst}) depuis ce client ; réessayez dans {retryAfter} s',
  },
  'HTTP.431': {
    title: 'La ligne de requête ou les en-têtes sont trop volumineux',
    detail: 'La ligne de requête ou les en-têtes sont trop volumineux.',
  },
  'HTTP.4XX': { title: 'Erreur du client', detail: 'La requête ne peut pas être traitée.' },
  INTERNAL: {
    title: 'Erreur interne',
    detail: 'La requête n’a pas pu aboutir ; l’incident a été journalisé avec son identifiant de corrélation.',
  },
  'EVENTS.NOT_CAUGHT_UP': {
    title: 'Le service rattrape son retard sur les événements ; réessayez',
    detail:
      'ce service n’a pas encore traité tous les événements publiés avant la requête ; rien n’a été décidé, ' +
      'réessayez',
  },
  'HEALTH.NOT_READY': { title: 'Le service n’est pas prêt', detail: 'service non prêt : {down} indisponible(s)' },

  'REQUEST.INVALID': { detail: '{count} problème(s) dans la requête : {fields}' },
  'REQUEST.MALFORMED_JSON': {
    title: 'Le corps de la requête n’est pas du JSON valide',
    detail:
      'Le corps de la requête n’est pas du JSON valide : l’analyse s’est arrêtée ligne {line}, colonne {column} ' +
      '(caractère {position})',
  },
  'REQUEST.TOO_DEEP': { detail: 'le corps de la requête comporte plus de {limit} niveaux d’imbrication' },
  'REQUEST.NUL_CHARACTER': { detail: 'le corps de la requête contient un caractère NUL' },
  'REQUEST.NUL_CHARACTER/URL': { detail: 'l’URL contient un caractère NUL' },
  'IDEMPOTENCY.KEY_REQUIRED': { detail: 'l’en-tête Idempotency-Key est requis' },
  'IDEMPOTENCY.IN_FLIGHT': {
    detail: 'une requête portant la même clé Idempotency-Key est encore en cours de traitement ; réessayez plus tard',
  },
  'IDEMPOTENCY.KEY_REUSED': {
    detail: 'cette clé Idempotency-Key a déjà été utilisée pour une autre requête',
  },

  'SUBMISSION.NOT_FOUND': { detail: 'la soumission {id} est introuvable' },
  'SUBMISSION.NOT_DRAFT': {
    detail: 'seul un brouillon peut être modifié (G4) ; cette soumission est au statut « {status} »',
  },
  'SUBMISSION.NOT_SCREENABLE': {
    detail:
      'seules les entrées de la réserve de projets et les soumissions non éligibles font l’objet d’un nouvel examen ; ' +
      'celle-ci est au statut « {status} »',
  },
  'SUBMISSION.NOT_EXPIRED': { detail: 'la soumission {id} est encore valide' },
  'SUBMISSION.NOT_REVISABLE': {
    detail:
      'seule une soumission non éligible peut être révisée sous forme de nouvelle version (G4) ; celle-ci est ' +
      'au statut « {status} »',
  },
  'SUBMISSION.TRANSITION_NOT_ALLOWED': {
    detail:
      'une soumission ne peut pas passer du statut « {from} » au statut « {to} » (G4) ; transitions autorisées ' +
      'depuis « {from} » : {allowed}',
  },
  'SUBMISSION.GOVERNMENT_LED': {
    detail:
      'seul un gouvernement établit et soumet une demande (M2, F5) ; le personnel du fonds ne soumet jamais ' +
      'en son nom',
  },
  'SUBMISSION.KIND': { detail: 'la soumission {id} est de type « {kind} »' },
  'CONCEPT_NOTE.UNKNOWN_REFERENCE': {
    detail: 'la note conceptuelle renvoie à des données de référence inexistantes : {fields}',
  },
  'CONCEPT_NOTE.RULE_BROKEN': { detail: 'la note conceptuelle enfreint {count} règle(s) : {rules}' },
  'PROJECT_PROPOSAL.UNKNOWN_REFERENCE': {
    detail: 'la proposition de projet renvoie à des données de référence inexistantes : {fields}',
  },
  'PROJECT_PROPOSAL.RULE_BROKEN': { detail: 'la proposition de projet enfreint {count} règle(s) : {rules}' },
  'REFERENCE_DATA.KEY': { detail: 'clé mal formée' },
  'REFERENCE_DATA.FILE_REQUIRED': { detail: 'aucun fichier n’a été envoyé' },
  'REFERENCE_DATA.UNKNOWN_DATASET': { detail: 'le jeu de données {dataset} n’existe pas' },
  'REFERENCE_DATA.VERSION_EXISTS': {
    detail:
      '{dataset}/{key} a déjà une version en vigueur au {effectiveFrom} ; une version n’est jamais modifiée : ' +
      'enregistrez la correction avec une date d’effet ultérieure',
  },
  'REFERENCE_DATA.IMPORT_UNREADABLE': {
    title: 'Le fichier ne peut pas être lu',
    detail: 'le fichier ne peut pas être lu comme une liste ; voir les erreurs pour {fields}',
  },
  'REFERENCE_DATA.IMPORT_INVALID': {
    title: 'La liste n’est pas valide',
    detail: 'la liste enfreint {count} règle(s) ; voir les erreurs pour {fields}',
  },

  'FUND.UNKNOWN': { detail: 'le fonds {fundCode} n’existe pas' },
  'FUND.UNKNOWN_POCKET': { detail: 'le fonds {fundCode} n’a pas de compartiment {pocketCode}' },
  'FUND.NOT_FOUND': { detail: 'le fonds {fundCode} est introuvable' },
  'FUND.CLOSED': { detail: 'le fonds {fundCode} est clos et n’accepte plus de nouvelles ressources' },
  'INCOME.CURRENCY': { detail: 'à enregistrer en {currency}, la monnaie de présentation du fonds' },
  'FUND_COST.CURRENCY': { detail: 'à enregistrer en {currency}, la monnaie de présentation du fonds' },
  'FUND_COST.EARMARKED': {
    detail:
      '{pocketCode} détient des fonds préaffectés, qui ne financent que leur domaine thématique : imputez les ' +
      'coûts directs aux ressources non préaffectées',
  },
  'CONTRIBUTION.UNKNOWN_REFERENCE': { detail: 'la requête renvoie à un élément qui n’existe pas : {fields}' },
  'COMMITMENT.SCHEDULE': {
    detail: 'l’échéancier totalise {scheduled}, alors que l’engagement s’élève à {amount}',
  },
  'COMMITMENT.SCHEDULE/CURRENCY': { detail: 'les versements sont libellés en {currency}' },
  'DEPOSIT.NOT_AS_COMMITTED': {
    detail: 'l’engagement porte sur {fundCode}/{pocketCode} ; des fonds préaffectés ne financent que cette affectation',
  },
  'DEPOSIT.RATE': { detail: 'un dépôt en USD a un taux de change d’exactement 1' },
  'DEPOSIT.TOO_SMALL': { detail: 'la contre-valeur en USD s’arrondit à zéro' },
  'SESSION.NOT_FOUND': { detail: 'la séance {id} est introuvable' },
  'SESSION.AGENDA': { detail: 'hors de la réserve de projets de {fundCode} : {missing}' },
  'SESSION.MEMBERS': { detail: 'chaque membre ne figure qu’une fois' },
  'SESSION.QUORUM': { detail: 'le quorum ne peut pas dépasser le nombre de membres' },
  'SESSION.NOT_A_MEMBER': { detail: '{memberId} n’est pas membre de la séance {sessionId}' },
  'SESSION.NO_QUORUM': {
    detail: '{participants} membre(s) non récusé(s) ont pris part à la décision ; le quorum est de {quorum}',
  },
  'SESSION.NO_CONSENSUS': { detail: 'pas de consensus : objection de {objectors}' },
  'SESSION.CLOSED': { detail: 'la séance {id} est close' },
  'SESSION.NOT_ON_AGENDA': { detail: '{conceptId} ne figure pas à l’ordre du jour de la séance {sessionId}' },
  'SESSION.ALREADY_DECIDED': { detail: 'une décision a déjà été prise sur {conceptId} au cours de cette séance' },
  'ALLOCATION.UNKNOWN_ENTRY': { detail: '{conceptId} ne figure pas dans la réserve de projets de {fundCode}' },
  'ALLOCATION.NOT_IN_PIPELINE': { detail: '{conceptId} est au statut « {status} »' },
  'ALLOCATION.NOT_IN_PIPELINE/APPROVAL': {
    detail:
      '{conceptId} est au statut « {status} » ; seule une entrée éligible de la réserve de projets peut être approuvée (G4)',
  },
  'ALLOCATION.AMOUNT': { detail: 'une approbation doit indiquer le montant approuvé' },
  'ALLOCATION.NOT_APPROVABLE': {
    detail: 'l’allocation ne peut pas être approuvée : {count} règle(s) enfreinte(s) : {rules}',
  },
  'ALLOCATION.EARMARK': {
    detail:
      'un programme ne puise que dans les ressources non préaffectées ou dans celles préaffectées à son propre ' +
      'domaine thématique',
  },
  'ALLOCATION.SHARES': {
    detail: 'une part par organisation participante, dont la somme est égale au montant approuvé',
  },
  'ALLOCATION.UNKNOWN_ORGANISATION': { detail: '{organisation} n’a pas de part dans l’allocation {allocationId}' },
  'ALLOCATION.NOT_FOUND': { detail: 'l’allocation {id} est introuvable' },
  'ALLOCATION.CLOSED': { detail: 'l’allocation {id} est close' },
  'TRANSFER.ABOVE_SHARE': {
    detail: '{organisation} peut recevoir au plus {room} supplémentaires (part approuvée : {share})',
  },
  'EXPENDITURE.ABOVE_TRANSFERS': {
    detail: 'les dépenses de {organisation} dépasseraient les {transferred} qui lui ont été transférés',
  },
  'EXPENDITURE.LINES': {
    detail:
      'les dépenses par catégorie totalisent {total} et non les {amount} déclarés, ou citent une catégorie deux fois',
  },
  'REVISION.TOO_LATE': {
    detail: 'une révision se demande au moins un mois avant la date de fin, le {endDate}',
  },
  'REVISION.END_DATE': { detail: 'une prolongation sans frais se termine après le {endDate}' },
  'REVISION.CHANGE': {
    detail:
      'une demande de type {kind} indique sa propre modification et aucune autre : {count} champ(s) erroné(s) : {fields}',
  },
  'REVISION.BUDGET_UNKNOWN': {
    detail: 'le budget révisé mentionne ce que cette allocation ne comporte pas : {count} problème(s) : {rules}',
  },
  'REVISION.BUDGET': { detail: 'le budget révisé est incohérent : {count} règle(s) enfreinte(s) : {rules}' },
  'REVISION.NOT_APPROVABLE': {
    detail: 'la révision ne peut pas être approuvée : {count} règle(s) enfreinte(s) : {rules}',
  },
  'REVISION.NOT_FOUND': { detail: 'la révision {id} est introuvable' },
  'REVISION.NOT_PENDING': {
    detail: 'la révision {id} a le statut « {status} » ; seule une révision en attente fait l’objet d’une décision',
  },
  'REVISION.STALE': {
    detail:
      'l’allocation a changé depuis la demande de révision {id} ; présentez-la de nouveau sur l’allocation telle qu’elle est',
  },
  'OBLIGATION.NOT_FOUND': { detail: 'l’obligation {id} est introuvable' },
  'OBLIGATION.SUBMITTED': { detail: 'déjà remis le {submittedOn}' },
  'RESULTS_FRAMEWORK.DUPLICATE_CODE': {
    detail: 'les codes d’un cadre de résultats sont uniques (RF2) : {codes} utilisé plus d’une fois',
  },
  'RESULTS_FRAMEWORK.IN_USE': {
    detail:
      'des progrès ont été rapportés sur le cadre de résultats de l’allocation {id} ; il ne peut plus être modifié',
  },
  'RESULTS_FRAMEWORK.MISSING': {
    detail: 'l’allocation {id} n’a pas encore de cadre de résultats : enregistrez-le avant de rapporter des progrès',
  },
  'RESULTS.UNKNOWN_INDICATOR': {
    detail: 'aucun indicateur {indicators} dans le cadre de résultats de l’allocation {id}',
  },
  'RESULTS.DUPLICATE_INDICATOR': {
    detail: 'un seul chiffre par indicateur et par rapport : {indicators} donné plus d’une fois',
  },
  'RESULTS.NOT_A_PROGRESS_REPORT': {
    detail: 'les progrès se rapportent avec un rapport narratif intermédiaire ou final, pas avec {kind}',
  },
  'LINE_FUNDING.NO_CREDIT_LINES': {
    detail: '{fundCode} n’est pas financé par lignes de crédit : il n’a ni ligne 1 ni ligne 2',
  },
  'LINE_FUNDING.CURRENCY': { detail: 'les montants F9 sont enregistrés en USD' },
  'LINE_FUNDING.YEAR_NOT_OPEN': { detail: 'l’exercice {year} de {fundCode} n’est pas ouvert' },
  'LINE_FUNDING.ALREADY_RECORDED': {
    detail:
      'les lignes de crédit de {fundCode} sont déjà dotées pour {year} ; corrigez par une écriture de contre-passation',
  },
  'LEDGER.UNKNOWN_ACCOUNT': { detail: 'le compte du grand livre {account} n’existe pas' },
  'LEDGER.CURRENCY_MISMATCH': {
    detail: 'le compte {account} est tenu en {accountCurrency}, l’écriture est en {currency}',
  },
  'LEDGER.AMOUNT_TOO_LARGE': {
    detail: 'ce mouvement porterait {account} au-delà de {limit} {currency}, le montant maximal admis',
  },
  'LEDGER.INSUFFICIENT_BALANCE': {
    detail: '{account} présente un solde de {balance} {currency} ; ce mouvement le rendrait négatif',
  },
  'LEDGER.ENTRY_INVALID': { detail: 'l’écriture comptable n’est pas une écriture en partie double équilibrée (G2)' },

  'REPORT.UNKNOWN_FUND': { detail: 'aucun rapport sur la situation du fonds pour {fund}' },
  'REPORT.UNKNOWN_LINE': { detail: 'la ligne de crédit {line} n’existe pas' },
  'REPORT.UNKNOWN_POCKET': { detail: '{fund} n’a pas de ligne ni de guichet {pocket}' },
  'REPORT.PERIOD': { detail: 'indiquez un exercice ou une période, pas les deux' },
  'REPORT.PERIOD/REVERSED': { detail: 'la période se termine avant de commencer' },
  'PIPELINE.NOT_FOUND': { detail: 'l’entrée {conceptId} de la réserve de projets est introuvable' },

  'CONTACT.FORBIDDEN': {
    detail:
      'un gouvernement n’enregistre que les contacts de son propre pays ; les autres contacts sont enregistrés par ' +
      'un administrateur du fonds',
  },
  'CONTACT.DUPLICATE': { detail: 'cette adresse électronique est déjà un contact de cette partie' },
  'CONTACT.NOT_FOUND': { detail: 'ce contact est introuvable' },
  'CONTACT.PARTY_UNKNOWN': { detail: 'la partie n’est pas désignée par un code connu' },
  'PREFERENCES.CONTRACTUAL': {
    detail: 'les rappels des rapports dus au titre d’un accord (F12, M11) ne peuvent pas être désactivés',
  },
  'WEBHOOK.URL': {
    detail: '{url} ne peut pas recevoir de webhooks : http ou https, sans identifiants, vers un hôte public',
  },
  'WEBHOOK.ENDPOINT_NOT_FOUND': { detail: 'le point de terminaison de webhook {id} est introuvable' },
  'WEBHOOK.DELIVERY_NOT_FOUND': { detail: 'la livraison de webhook {id} est introuvable' },
  'WEBHOOK.IN_FLIGHT': {
    detail: 'la livraison {id} est en cours de tentative ; relancez-la une fois la tentative terminée',
  },
  'WEBHOOK.EVENT_TYPES': { detail: 'types d’événements inconnus : {unknown} ; types connus : {known}' },

  'DOCUMENT.TOO_LARGE': { title: 'Le fichier est trop volumineux', detail: 'le fichier dépasse {limit} octets' },
  'DOCUMENT.TYPE': {
    title: 'Ce type de fichier n’est pas accepté',
    detail: 'le contenu du fichier est de type {detected}, qui n’est pas accepté ; types acceptés : {allowed}',
  },
  'DOCUMENT.TYPE/UNKNOWN': {
    detail: 'le contenu du fichier n’est d’aucun type reconnu ; types acceptés : {allowed}',
  },
  'DOCUMENT.EMPTY': { title: 'Le fichier est vide', detail: 'le fichier ne contient aucun octet' },
  'DOCUMENT.NAME': { title: 'Le nom du fichier n’est pas accepté', detail: 'le nom du fichier n’est pas accepté' },
  'DOCUMENT.NAME/MISSING': { detail: 'le fichier n’a pas de nom' },
  'DOCUMENT.NAME/SEPARATOR': { detail: 'un nom de fichier ne contient aucun séparateur de chemin (/ ou \\)' },
  'DOCUMENT.NAME/DOTS': { detail: 'un nom de fichier ne contient pas « .. »' },
  'DOCUMENT.NAME/CONTROL': { detail: 'un nom de fichier ne contient aucun caractère de contrôle' },
  'DOCUMENT.NAME/LENGTH': { detail: 'un nom de fichier compte au plus {limit} octets en UTF-8' },
  'DOCUMENT.CHECKSUM': {
    title: 'Le fichier ne correspond pas à son empreinte',
    detail:
      'l’empreinte SHA-256 du fichier est {actual} et non {declared} comme déclaré ; il a été altéré ou tronqué ' +
      'pendant l’envoi',
  },
  'DOCUMENT.CHECKSUM/FORMAT': {
    title: 'La requête n’est pas valide',
    detail: 'sha256 est l’empreinte SHA-256 du fichier en 64 chiffres hexadécimaux',
  },
  'DOCUMENT.MULTIPART': { detail: 'l’envoi n’est pas une requête multipart/form-data valide' },
  'DOCUMENT.MULTIPART/CONTENT_TYPE': { detail: 'un document s’envoie en multipart/form-data' },
  'DOCUMENT.MULTIPART/MALFORMED': { detail: 'le corps multipart/form-data est mal formé ou a été interrompu' },
  'DOCUMENT.MULTIPART/FILE_MISSING': {
    detail: 'aucun fichier n’a été envoyé : envoyez-le dans la partie multipart/form-data « file », avec son nom',
  },
  'DOCUMENT.MULTIPART/FILE_TWICE': { detail: 'un seul fichier par envoi, dans la partie « file »' },
  'DOCUMENT.MULTIPART/FIELD': { detail: 'le champ {field} n’est pas accepté ici ; champs acceptés : {accepted}' },
  'DOCUMENT.MULTIPART/ORDER': { detail: 'le champ {field} suit le fichier ; envoyez les champs en premier' },
  'DOCUMENT.NOT_FOUND': { detail: 'le document {id} est introuvable' },
  'DOCUMENT.NOT_DRAFT': { detail: 'les lettres sont jointes à un brouillon ; celui-ci est au statut {status}' },
  'DOCUMENT.ENDORSER': { detail: '{country} n’est pas un pays de cette soumission ({countries})' },
  'DOCUMENT.GENERATED': {
    detail: 'le document {kind} est établi par Fundline ; il change avec l’allocation, pas par téléversement',
  },
  'DOCUMENT.SUPERSEDED': {
    detail: 'le document {id} a déjà été remplacé par une version plus récente ; remplacez la dernière version',
  },
  'DOCUMENT.SUPERSEDES': {
    detail:
      'le document {id} appartient à un autre objet ou est d’un autre type ; une nouvelle version remplace son ' +
      'propre document',
  },
};
