// @ts-check
/**
 * A development mail catcher: an SMTP server that accepts every mail and delivers none, and a web inbox that shows
 * them, so a newcomer sees what the notifier sends without a mail account. `npm start` runs it unless SMTP_URL is
 * set; `node infra/mail-catcher.js` runs it alone (SMTP on MAIL_CATCHER_SMTP_PORT or 1025, inbox on
 * MAIL_CATCHER_HTTP_PORT or 1080). Mails stay in memory, the newest 500 at most: they are gone when it stops.
 * Both ports listen on 127.0.0.1 only: the mails hold people's names and addresses.
 */
const http = require('node:http');
const { SMTPServer } = require('smtp-server');
const { simpleParser } = require('mailparser');

const HOST = '127.0.0.1';
const MAX_MESSAGES = 500;
/** A mail larger than this is refused (552): enough for any notification, small enough that 500 fit in memory. */
const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

/**
 * @typedef {{
 *   id: number, receivedAt: string, messageId: string, from: string, to: string[], subject: string,
 *   language: string, kind: string, text: string, html: string, headers: string[]
 * }} CaughtMail
 */

/** @param {string} text */
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** @param {unknown} value */
const headerText = (value) => (typeof value === 'string' ? value : '');

/** @param {string} iso `2026-11-24T09:30:12.345Z` → `2026-11-24 09:30:12 UTC` */
const shownTime = (iso) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

/** @param {string} title @param {string} body @param {string} [head] */
function page(title, body, head = '') {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>${head}
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #222; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid #ddd; }
tr:hover { background: #f4f7fb; } a { color: #0b5cad; } pre { white-space: pre-wrap; background: #f7f7f7; padding: 1rem; }
dt { font-weight: 600; } dd { margin: 0 0 .4rem 0; } .muted { color: #777; }
</style></head><body>${body}</body></html>`;
}

/** @param {CaughtMail[]} mails newest first */
function inboxPage(mails) {
  const rows = mails
    .map(
      (m) =>
        `<tr><td>${shownTime(m.receivedAt)}</td><td>${escapeHtml(m.to.join(', '))}</td>` +
        `<td><a href="/messages/${m.id}">${escapeHtml(m.subject || '(no subject)')}</a></td>` +
        `<td>${escapeHtml(m.language)}</td><td class="muted">${escapeHtml(m.kind)}</td></tr>`,
    )
    .join('\n');
  return page(
    'Fundline mails',
    `<h1>Fundline mails</h1>
<p class="muted">Caught by the development mail catcher, newest first (the last ${MAX_MESSAGES} at most; none was delivered).
This page reloads every 5 seconds. JSON: <a href="/api/messages">/api/messages</a>.</p>
${
  mails.length
    ? `<table><thead><tr><th>Received</th><th>To</th><th>Subject</th><th>Language</th><th>Kind</th></tr></thead>
<tbody>
${rows}
</tbody></table>`
    : '<p>No mail yet.</p>'
}`,
    '<meta http-equiv="refresh" content="5">',
  );
}

/** @param {CaughtMail} m */
function messagePage(m) {
  const fields = /** @type {const} */ ([
    ['From', m.from],
    ['To', m.to.join(', ')],
    ['Subject', m.subject],
    ['Received', shownTime(m.receivedAt)],
    ['Message-ID', m.messageId],
    ['Content-Language', m.language],
    ['X-Fundline-Kind', m.kind],
  ]);
  return page(
    m.subject || '(no subject)',
    `<p><a href="/">← all mails</a></p>
<h1>${escapeHtml(m.subject || '(no subject)')}</h1>
<dl>${fields.map(([name, value]) => `<dt>${name}</dt><dd>${escapeHtml(value)}</dd>`).join('')}</dl>
<pre>${escapeHtml(m.text)}</pre>
${m.html ? `<details><summary>HTML part (its source, not rendered)</summary><pre>${escapeHtml(m.html)}</pre></details>` : ''}
<details><summary>All headers</summary><pre>${escapeHtml(m.headers.join('\n'))}</pre></details>`,
  );
}

/**
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {string} type
 * @param {string} body
 */
function answer(res, status, type, body) {
  res.writeHead(status, {
    'Content-Type': `${type}; charset=utf-8`,
    // A mail's content is shown, never run: no script, no frame, no remote image that would tell a sender it was read.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

/**
 * @param {import('node:net').Server} server
 * @param {number} port
 * @param {string} what
 * @returns {Promise<number>} the port bound, which is another one when `port` is 0
 */
function listen(server, port, what) {
  return new Promise((resolve, reject) => {
    /** @param {NodeJS.ErrnoException} error */
    const failed = (error) =>
      reject(
        Object.assign(new Error(`the mail catcher's ${what} port ${port} on ${HOST}: ${error.message}`), {
          portTaken: error.code === 'EADDRINUSE',
        }),
      );
    server.once('error', failed);
    server.listen(port, HOST, () => {
      server.off('error', failed);
      resolve(/** @type {import('node:net').AddressInfo} */ (server.address()).port);
    });
  });
}

/**
 * Starts the SMTP server and the web inbox; rejects, with `portTaken: true` when that is why, if either cannot
 * listen, leaving nothing running. Port 0 takes any free port.
 * @param {{ smtpPort: number, httpPort: number, log?: (line: string) => void }} options
 * @returns {Promise<{ smtpUrl: string, inboxUrl: string, stop: () => Promise<void> }>}
 */
async function startMailCatcher({ smtpPort, httpPort, log = () => undefined }) {
  /** @type {CaughtMail[]} oldest first */
  const mails = [];
  let lastId = 0;

  const smtp = new SMTPServer({
    authOptional: true,
    // Whatever credentials a developer's SMTP_URL carries are accepted: nothing is delivered anyway.
    allowInsecureAuth: true,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    size: MAX_MESSAGE_BYTES,
    closeTimeout: 1_000,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          if (stream.sizeExceeded) {
            return callback(Object.assign(new Error('Message too large'), { responseCode: 552 }));
          }
          /** @type {CaughtMail} */
          const mail = {
            id: ++lastId,
            receivedAt: new Date().toISOString(),
            messageId: parsed.messageId ?? '',
            from: parsed.from?.text ?? '',
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            subject: parsed.subject ?? '',
            language: headerText(parsed.headers.get('content-language')),
            kind: headerText(parsed.headers.get('x-fundline-kind')),
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            headers: parsed.headerLines.map((line) => line.line),
          };
          mails.push(mail);
          if (mails.length > MAX_MESSAGES) mails.splice(0, mails.length - MAX_MESSAGES);
          log(`[mails] to ${mail.to.join(', ')}: ${mail.subject}`);
          callback();
        },
        (/** @type {Error} */ error) => callback(error),
      );
    },
  });
  let serving = false;
  // Until it listens, listen() below reports the error; afterwards one client's broken connection is only logged.
  smtp.on('error', (error) => serving && log(`[mails] SMTP: ${error.message}`));

  const web = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(res, 405, 'text/plain', 'only GET\n');
    const newestFirst = () => [...mails].reverse();
    const byId = (/** @type {string} */ id) => mails.find((m) => String(m.id) === id);
    if (url.pathname === '/') return answer(res, 200, 'text/html', inboxPage(newestFirst()));
    if (url.pathname === '/api/messages') return answer(res, 200, 'application/json', JSON.stringify(newestFirst()));
    const one = /^\/(api\/)?messages\/(\d+)$/.exec(url.pathname);
    const mail = one ? byId(one[2]) : undefined;
    if (one && mail) {
      return one[1]
        ? answer(res, 200, 'application/json', JSON.stringify(mail))
        : answer(res, 200, 'text/html', messagePage(mail));
    }
    return answer(res, 404, 'text/plain', one ? 'no such mail (only the newest are kept)\n' : 'not found\n');
  });

  const boundSmtp = await listen(smtp.server, smtpPort, 'SMTP');
  let boundHttp;
  try {
    boundHttp = await listen(web, httpPort, 'web inbox');
  } catch (error) {
    await new Promise((resolve) => smtp.close(() => resolve(undefined)));
    throw error;
  }
  serving = true;
  return {
    smtpUrl: `smtp://${HOST}:${boundSmtp}`,
    inboxUrl: `http://${HOST}:${boundHttp}`,
    stop: async () => {
      web.closeAllConnections();
      await Promise.all([
        new Promise((resolve) => web.close(() => resolve(undefined))),
        new Promise((resolve) => smtp.close(() => resolve(undefined))),
      ]);
    },
  };
}

module.exports = { startMailCatcher };

if (require.main === module) {
  const log = (/** @type {string} */ line) => console.log(line);
  startMailCatcher({
    smtpPort: Number(process.env.MAIL_CATCHER_SMTP_PORT ?? 1025),
    httpPort: Number(process.env.MAIL_CATCHER_HTTP_PORT ?? 1080),
    log,
  }).then(
    (catcher) => {
      log(`[mails] SMTP_URL=${catcher.smtpUrl}   inbox: ${catcher.inboxUrl}   (Ctrl-C stops)`);
      const stop = () => catcher.stop().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (/** @type {Error & { portTaken?: boolean }} */ error) => {
      console.error(`[mails] ${error.message}`);
      if (error.portTaken) console.error('[mails] set MAIL_CATCHER_SMTP_PORT / MAIL_CATCHER_HTTP_PORT to free ports');
      process.exit(1);
    },
  );
}
