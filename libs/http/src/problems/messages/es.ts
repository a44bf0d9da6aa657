import { MessageKey } from './en';
import { Message } from './message';

/** Spanish problem texts (register of the UN and IOM Spanish documents), parameter for parameter as in English. */
export const ES: Record<MessageKey, Message> = {
  'HTTP.400': { title: 'La solicitud no es válida', detail: 'La solicitud no es válida.' },
  'HTTP.401': { title: 'Se requiere autenticación', detail: 'Se requiere autenticación.' },
  'HTTP.401/BEARER_REQUIRED': { detail: 'se requiere un token de acceso (bearer token)' },
  'HTTP.401/INVALID_TOKEN': { detail: 'token de acceso no válido: {reason}' },
  'HTTP.403': { title: 'Su función no permite esta operación', detail: 'Su función no permite esta operación.' },
  'HTTP.403/ROLE': { detail: 'la función {role} no permite esta operación; funciones autorizadas: {allowed}' },
  'HTTP.404': { title: 'No encontrado', detail: 'No se encontró el recurso solicitado.' },
  'HTTP.405': { title: 'Método no permitido', detail: 'Este método no está permitido para este recurso.' },
  'HTTP.409': {
    title: 'Conflicto con el estado actual',
    detail: 'La solicitud entra en conflicto con el estado actual.',
  },
  'HTTP.413': {
    title: 'El cuerpo de la solicitud es demasiado grande',
    detail: 'El cuerpo de la solicitud es demasiado grande.',
  },
  'HTTP.414': {
    title: 'El URI de la solicitud es demasiado largo',
    detail: 'El URI de la solicitud es demasiado largo.',
  },
  'HTTP.415': { title: 'Tipo de medio no admitido', detail: 'Tipo de medio no admitido.' },
  'HTTP.422': { title: 'No se cumple una regla de gestión', detail: 'No se cumple una regla de gestión.' },
  'HTTP.429': { title: 'Demasiadas solicitudes', detail: 'Demasiadas solicitudes.' },
  'HTTP.429/RATE_LIMIT': {
    detail:
      'más de {perSecond} solicitudes por segundo (ráfaga de {burst}) desde este cliente; vuelva a intentarlo ' +
      'dentro de {retryAfter} s',
  },
  'HTTP.431': {
    title: 'La línea de solicitud o los encabezados son demasiado grandes',
    detail: 'La línea de solicitud o los encabezados son demasiado grandes.',
  },
  'HTTP.4XX': { title: 'Error del cliente', detail: 'No se puede procesar la solicitud.' },
  INTERNAL: {
    title: 'Error interno',
    detail: 'No se pudo completar la solicitud; el incidente quedó registrado con su identificador de correlación.',
  },
  'EVENTS.NOT_CAUGHT_UP': {
    title: 'El servicio se está poniendo al día con los eventos; vuelva a intentarlo',
    detail:
      'este servicio aún no ha procesado todos los eventos publicados antes de la solicitud; no se decidió nada, ' +
      'vuelva a intentarlo',
  },
  'HEALTH.NOT_READY': { title: 'El servicio no está listo', detail: 'servicio no listo: {down} no disponible(s)' },

  'REQUEST.INVALID': { detail: '{count} problema(s) en la solicitud: {fields}' },
  'REQUEST.MALFORMED_JSON': {
    title: 'El cuerpo de la solicitud no es JSON válido',
    detail:
      'El cuerpo de la solicitud no es JSON válido: el análisis se detuvo en la línea {line}, columna {column} ' +
      '(carácter {position})',
  },
  'REQUEST.TOO_DEEP': { detail: 'el cuerpo de la solicitud tiene más de {limit} niveles de anidamiento' },
  'REQUEST.NUL_CHARACTER': { detail: 'el cuerpo de la solicitud contiene un carácter NUL' },
  'REQUEST.NUL_CHARACTER/URL': { detail: 'la URL contiene un carácter NUL' },
  'IDEMPOTENCY.KEY_REQUIRED': { detail: 'se requiere el encabezado Idempotency-Key' },
  'IDEMPOTENCY.IN_FLIGHT': {
    detail:
      'una solicitud con la misma clave Idempotency-Key todavía se está procesando; vuelva a intentarlo más tarde',
  },
  'IDEMPOTENCY.KEY_REUSED': { detail: 'esta clave Idempotency-Key ya se utilizó para otra solicitud' },

  'SUBMISSION.NOT_FOUND': { detail: 'no se encontró la solicitud {id}' },
  'SUBMISSION.NOT_DRAFT': {
    detail: 'solo se puede modificar un borrador (G4); esta solicitud está en estado «{status}»',
  },
  'SUBMISSION.NOT_SCREENABLE': {
    detail:
      'solo se vuelven a examinar las entradas de la cartera de proyectos y las solicitudes no admisibles; ' +
      'esta está en estado «{status}»',
  },
  'SUBMISSION.NOT_EXPIRED': { detail: 'la solicitud {id} sigue vigente' },
  'SUBMISSION.NOT_REVISABLE': {
    detail: 'solo una solicitud no admisible se revisa como nueva versión (G4); esta está en estado «{status}»',
  },
  'SUBMISSION.TRANSITION_NOT_ALLOWED': {
    detail:
      'una solicitud no puede pasar del estado «{from}» al estado «{to}» (G4); transiciones permitidas desde ' +
      '«{from}»: {allowed}',
  },
  'SUBMISSION.GOVERNMENT_LED': {
    detail:
      'solo un gobierno prepara y presenta una solicitud (M2, F5); el personal del fondo nunca la presenta en su ' +
      'nombre',
  },
  'SUBMISSION.KIND': { detail: 'la solicitud {id} es de tipo «{kind}»' },
  'CONCEPT_NOTE.UNKNOWN_REFERENCE': {
    detail: 'la nota conceptual remite a datos de referencia inexistentes: {fields}',
  },
  'CONCEPT_NOTE.RULE_BROKEN': { detail: 'la nota conceptual incumple {count} regla(s): {rules}' },
  'PROJECT_PROPOSAL.UNKNOWN_REFERENCE': {
    detail: 'la propuesta de proyecto remite a datos de referencia inexistentes: {fields}',
  },
  'PROJECT_PROPOSAL.RULE_BROKEN': { detail: 'la propuesta de proyecto incumple {count} regla(s): {rules}' },
  'REFERENCE_DATA.KEY': { detail: 'clave mal formada' },
  'REFERENCE_DATA.FILE_REQUIRED': { detail: 'no se envió ningún archivo' },
  'REFERENCE_DATA.UNKNOWN_DATASET': { detail: 'no existe el conjunto de datos {dataset}' },
  'REFERENCE_DATA.VERSION_EXISTS': {
    detail:
      '{dataset}/{key} ya tiene una versión vigente desde el {effectiveFrom}; las versiones nunca se modifican: ' +
      'registre la corrección con una fecha de entrada en vigor posterior',
  },
  'REFERENCE_DATA.IMPORT_UNREADABLE': {
    title: 'No se puede leer el archivo',
    detail: 'el archivo no se puede leer como lista; véanse los errores de {fields}',
  },
  'REFERENCE_DATA.IMPORT_INVALID': {
    title: 'La lista no es válida',
    detail: 'la lista incumple {count} regla(s); véanse los errores de {fields}',
  },

  'FUND.UNKNOWN': { detail: 'no existe el fondo {fundCode}' },
  'FUND.UNKNOWN_POCKET': { detail: 'el fondo {fundCode} no tiene el compartimento {pocketCode}' },
  'FUND.NOT_FOUND': { detail: 'no se encontró el fondo {fundCode}' },
  'FUND.CLOSED': { detail: 'el fondo {fundCode} está cerrado y no acepta nuevos recursos' },
  'INCOME.CURRENCY': { detail: 'se registra en {currency}, la moneda de presentación del fondo' },
  'FUND_COST.CURRENCY': { detail: 'se registra en {currency}, la moneda de presentación del fondo' },
  'FUND_COST.EARMARKED': {
    detail:
      '{pocketCode} contiene fondos para fines específicos, que solo financian su área temática: impute los costos ' +
      'directos a los recursos no asignados a fines específicos',
  },
  'CONTRIBUTION.UNKNOWN_REFERENCE': { detail: 'la solicitud remite a un elemento que no existe: {fields}' },
  'COMMITMENT.SCHEDULE': {
    detail: 'el calendario de pagos suma {scheduled}, mientras que el compromiso asciende a {amount}',
  },
  'COMMITMENT.SCHEDULE/CURRENCY': { detail: 'los pagos se efectúan en {currency}' },
  'DEPOSIT.NOT_AS_COMMITTED': {
    detail:
      'el compromiso corresponde a {fundCode}/{pocketCode}; los fondos para fines específicos solo financian ese destino',
  },
  'DEPOSIT.RATE': { detail: 'un depósito en USD tiene un tipo de cambio exactamente igual a 1' },
  'DEPOSIT.TOO_SMALL': { detail: 'el equivalente en USD se redondea a cero' },
  'SESSION.NOT_FOUND': { detail: 'no se encontró la sesión {id}' },
  'SESSION.AGENDA': { detail: 'fuera de la cartera de proyectos de {fundCode}: {missing}' },
  'SESSION.MEMBERS': { detail: 'cada miembro figura una sola vez' },
  'SESSION.QUORUM': { detail: 'el quórum no puede superar el número de miembros' },
  'SESSION.NOT_A_MEMBER': { detail: '{memberId} no es miembro de la sesión {sessionId}' },
  'SESSION.NO_QUORUM': {
    detail: 'participaron {participants} miembro(s) no recusado(s); el quórum es de {quorum}',
  },
  'SESSION.NO_CONSENSUS': { detail: 'no hay consenso: objeción de {objectors}' },
  'SESSION.CLOSED': { detail: 'la sesión {id} está cerrada' },
  'SESSION.NOT_ON_AGENDA': { detail: '{conceptId} no figura en el orden del día de la sesión {sessionId}' },
  'SESSION.ALREADY_DECIDED': { detail: 'ya se adoptó una decisión sobre {conceptId} en esta sesión' },
  'ALLOCATION.UNKNOWN_ENTRY': { detail: '{conceptId} no figura en la cartera de proyectos de {fundCode}' },
  'ALLOCATION.NOT_IN_PIPELINE': { detail: '{conceptId} está en estado «{status}»' },
  'ALLOCATION.NOT_IN_PIPELINE/APPROVAL': {
    detail:
      '{conceptId} está en estado «{status}»; solo se aprueba una entrada admisible de la cartera de proyectos (G4)',
  },
  'ALLOCATION.AMOUNT': { detail: 'una aprobación debe indicar el monto aprobado' },
  'ALLOCATION.NOT_APPROVABLE': {
    detail: 'la asignación no puede aprobarse: {count} regla(s) incumplida(s): {rules}',
  },
  'ALLOCATION.EARMARK': {
    detail:
      'un programa solo se financia con recursos no asignados a fines específicos o con los destinados a su propia ' +
      'área temática',
  },
  'ALLOCATION.SHARES': {
    detail: 'una parte por organización participante, cuya suma es igual al monto aprobado',
  },
  'ALLOCATION.UNKNOWN_ORGANISATION': { detail: '{organisation} no tiene parte en la asignación {allocationId}' },
  'ALLOCATION.NOT_FOUND': { detail: 'no se encontró la asignación {id}' },
  'ALLOCATION.CLOSED': { detail: 'la asignación {id} está cerrada' },
  'TRANSFER.ABOVE_SHARE': { detail: '{organisation} puede recibir como máximo {room} más (parte aprobada: {share})' },
  'EXPENDITURE.ABOVE_TRANSFERS': {
    detail: 'los gastos de {organisation} superarían los {transferred} que se le transfirieron',
  },
  'EXPENDITURE.LINES': {
    detail: 'los gastos por categoría suman {total} y no los {amount} declarados, o repiten una categoría',
  },
  'REVISION.TOO_LATE': {
    detail: 'las revisiones se solicitan al menos un mes antes de la fecha de finalización, el {endDate}',
  },
  'REVISION.END_DATE': { detail: 'una prórroga sin costo termina después del {endDate}' },
  'REVISION.CHANGE': {
    detail: 'una solicitud de tipo {kind} indica su propio cambio y ningún otro: {count} campo(s) erróneo(s): {fields}',
  },
  'REVISION.BUDGET_UNKNOWN': {
    detail: 'el presupuesto revisado menciona lo que esta asignación no tiene: {count} problema(s): {rules}',
  },
  'REVISION.BUDGET': { detail: 'el presupuesto revisado es incoherente: {count} regla(s) incumplida(s): {rules}' },
  'REVISION.NOT_APPROVABLE': { detail: 'la revisión no puede aprobarse: {count} regla(s) incumplida(s): {rules}' },
  'REVISION.NOT_FOUND': { detail: 'no existe la revisión {id}' },
  'REVISION.NOT_PENDING': {
    detail: 'la revisión {id} está en estado «{status}»; solo se decide sobre una revisión pendiente',
  },
  'REVISION.STALE': {
    detail:
      'la asignación cambió desde que se solicitó la revisión {id}; solicítela de nuevo sobre la asignación tal como está',
  },
  'OBLIGATION.NOT_FOUND': { detail: 'no se encontró la obligación {id}' },
  'OBLIGATION.SUBMITTED': { detail: 'ya se presentó el {submittedOn}' },
  'RESULTS_FRAMEWORK.DUPLICATE_CODE': {
    detail: 'los códigos de un marco de resultados son únicos (RF2): {codes} se usa más de una vez',
  },
  'RESULTS_FRAMEWORK.IN_USE': {
    detail: 'ya se informaron avances sobre el marco de resultados de la asignación {id}; ya no puede cambiar',
  },
  'RESULTS_FRAMEWORK.MISSING': {
    detail: 'la asignación {id} aún no tiene marco de resultados: regístrelo antes de informar avances',
  },
  'RESULTS.UNKNOWN_INDICATOR': {
    detail: 'no hay ningún indicador {indicators} en el marco de resultados de la asignación {id}',
  },
  'RESULTS.DUPLICATE_INDICATOR': {
    detail: 'una sola cifra por indicador y por informe: {indicators} figura más de una vez',
  },
  'RESULTS.NOT_A_PROGRESS_REPORT': {
    detail: 'los avances se informan con un informe narrativo intermedio o final, no con {kind}',
  },
  'LINE_FUNDING.NO_CREDIT_LINES': {
    detail: '{fundCode} no se financia mediante líneas de crédito: no tiene línea 1 ni línea 2',
  },
  'LINE_FUNDING.CURRENCY': { detail: 'los montos F9 se registran en USD' },
  'LINE_FUNDING.YEAR_NOT_OPEN': { detail: 'el ejercicio {year} de {fundCode} no está abierto' },
  'LINE_FUNDING.ALREADY_RECORDED': {
    detail: 'las líneas de crédito de {fundCode} ya están dotadas para {year}; corríjalo con un asiento de reversión',
  },
  'LEDGER.UNKNOWN_ACCOUNT': { detail: 'no existe la cuenta del libro mayor {account}' },
  'LEDGER.CURRENCY_MISMATCH': {
    detail: 'la cuenta {account} se lleva en {accountCurrency} y el asiento en {currency}',
  },
  'LEDGER.AMOUNT_TOO_LARGE': {
    detail: 'este movimiento llevaría {account} por encima de {limit} {currency}, el monto máximo admitido',
  },
  'LEDGER.INSUFFICIENT_BALANCE': {
    detail: '{account} tiene un saldo de {balance} {currency}; este movimiento lo dejaría en negativo',
  },
  'LEDGER.ENTRY_INVALID': { detail: 'el asiento contable no es un asiento de partida doble equilibrado (G2)' },

  'REPORT.UNKNOWN_FUND': { detail: 'no hay informe de situación del fondo para {fund}' },
  'REPORT.UNKNOWN_LINE': { detail: 'no existe la línea de crédito {line}' },
  'REPORT.UNKNOWN_POCKET': { detail: '{fund} no tiene la línea o ventanilla {pocket}' },
  'REPORT.PERIOD': { detail: 'indique un ejercicio o un período, no ambos' },
  'REPORT.PERIOD/REVERSED': { detail: 'el período termina antes de empezar' },
  'PIPELINE.NOT_FOUND': { detail: 'no se encontró la entrada {conceptId} de la cartera de proyectos' },

  'CONTACT.FORBIDDEN': {
    detail:
      'un gobierno solo registra contactos de su propio país; los demás contactos los registra un administrador ' +
      'del fondo',
  },
  'CONTACT.DUPLICATE': { detail: 'esta dirección de correo electrónico ya es un contacto de esta parte' },
  'CONTACT.NOT_FOUND': { detail: 'no se encontró el contacto' },
  'CONTACT.PARTY_UNKNOWN': { detail: 'la parte no se designa con un código conocido' },
  'PREFERENCES.CONTRACTUAL': {
    detail: 'los recordatorios de informes adeudados en virtud de un acuerdo (F12, M11) no pueden desactivarse',
  },
  'WEBHOOK.URL': {
    detail: '{url} no puede recibir webhooks: http o https, sin credenciales, hacia un host público',
  },
  'WEBHOOK.ENDPOINT_NOT_FOUND': { detail: 'no se encontró el punto de conexión de webhook {id}' },
  'WEBHOOK.DELIVERY_NOT_FOUND': { detail: 'no se encontró la entrega de webhook {id}' },
  'WEBHOOK.IN_FLIGHT': {
    detail: 'se está intentando la entrega {id} en este momento; vuelva a enviarla cuando termine el intento',
  },
  'WEBHOOK.EVENT_TYPES': { detail: 'tipos de eventos desconocidos: {unknown}; tipos conocidos: {known}' },

  'DOCUMENT.TOO_LARGE': { title: 'El archivo es demasiado grande', detail: 'el archivo supera los {limit} bytes' },
  'DOCUMENT.TYPE': {
    title: 'Este tipo de archivo no se acepta',
    detail: 'el contenido del archivo es de tipo {detected}, que no se acepta; tipos aceptados: {allowed}',
  },
  'DOCUMENT.TYPE/UNKNOWN': {
    detail: 'el contenido del archivo no es de ningún tipo reconocido; tipos aceptados: {allowed}',
  },
  'DOCUMENT.EMPTY': { title: 'El archivo está vacío', detail: 'el archivo no contiene ningún byte' },
  'DOCUMENT.NAME': { title: 'El nombre del archivo no se acepta', detail: 'el nombre del archivo no se acepta' },
  'DOCUMENT.NAME/MISSING': { detail: 'el archivo no tiene nombre' },
  'DOCUMENT.NAME/SEPARATOR': { detail: 'un nombre de archivo no contiene separadores de ruta (/ o \\)' },
  'DOCUMENT.NAME/DOTS': { detail: 'un nombre de archivo no contiene «..»' },
  'DOCUMENT.NAME/CONTROL': { detail: 'un nombre de archivo no contiene caracteres de control' },
  'DOCUMENT.NAME/LENGTH': { detail: 'un nombre de archivo tiene como máximo {limit} bytes en UTF-8' },
  'DOCUMENT.CHECKSUM': {
    title: 'El archivo no coincide con su suma de verificación',
    detail:
      'el SHA-256 del archivo es {actual}, no el {declared} declarado; se alteró o se interrumpió durante el envío',
  },
  'DOCUMENT.CHECKSUM/FORMAT': {
    title: 'La solicitud no es válida',
    detail: 'sha256 es el SHA-256 del archivo en 64 dígitos hexadecimales',
  },
  'DOCUMENT.MULTIPART': { detail: 'el envío no es una solicitud multipart/form-data válida' },
  'DOCUMENT.MULTIPART/CONTENT_TYPE': { detail: 'un documento se envía como multipart/form-data' },
  'DOCUMENT.MULTIPART/MALFORMED': { detail: 'el cuerpo multipart/form-data está mal formado o se interrumpió' },
  'DOCUMENT.MULTIPART/FILE_MISSING': {
    detail: 'no se envió ningún archivo: envíelo en la parte multipart/form-data «file», con su nombre',
  },
  'DOCUMENT.MULTIPART/FILE_TWICE': { detail: 'un solo archivo por envío, en la parte «file»' },
  'DOCUMENT.MULTIPART/FIELD': { detail: 'el campo {field} no se acepta aquí; campos aceptados: {accepted}' },
  'DOCUMENT.MULTIPART/ORDER': { detail: 'el campo {field} va después del archivo; envíe primero los campos' },
  'DOCUMENT.NOT_FOUND': { detail: 'no existe el documento {id}' },
  'DOCUMENT.NOT_DRAFT': { detail: 'las cartas se adjuntan a un borrador; este está en estado {status}' },
  'DOCUMENT.ENDORSER': { detail: '{country} no es un país de esta presentación ({countries})' },
  'DOCUMENT.GENERATED': {
    detail: 'el documento {kind} lo genera Fundline; cambia con la asignación, no por carga',
  },
  'DOCUMENT.SUPERSEDED': {
    detail: 'el documento {id} ya fue sustituido por una versión más reciente; sustituya la última versión',
  },
  'DOCUMENT.SUPERSEDES': {
    detail:
      'el documento {id} pertenece a otro objeto o es de otro tipo; una nueva versión sustituye a su propio documento',
  },
};
