// @ts-check
/**
 * Where `npm start`, `npm run kafka` and `npm run token` keep their local state (jwt-secret, kafka/, postgres/):
 * `.fundline/` in the repository, or FUNDLINE_STATE_DIR. The override lets a test run `npm start` without touching a
 * developer's state: their broker's data and broker.json, which would make a second `npm start` use their broker.
 */
const path = require('node:path');

const STATE_DIR = path.resolve(process.env.FUNDLINE_STATE_DIR || path.join(__dirname, '..', '.fundline'));

module.exports = { STATE_DIR };
