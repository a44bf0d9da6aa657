// @ts-check
/**
 * `npm run build`: bundles the services with webpack.config.js into dist/apps/<app>/main.js; `node infra/build.js
 * funds` builds one. Uses webpack's Node API: webpack-cli's current major needs Node 22 (its `rechoir`).
 */
const webpack = require('webpack');
const configure = require('../webpack.config');

/**
 * @param {string[]} [apps] none: all three
 * @returns {Promise<void>} rejects with webpack's report when a bundle or the type check fails
 */
function build(apps = []) {
  return new Promise((resolve, reject) => {
    webpack(configure({ app: apps.join(',') || undefined }), (error, stats) => {
      if (error || !stats) return reject(error ?? new Error('webpack returned no result'));
      const report = stats.toString({ chunks: false, modules: false, assets: false, colors: process.stderr.isTTY });
      if (stats.hasErrors()) return reject(new Error(report));
      if (stats.hasWarnings()) console.warn(report);
      resolve();
    });
  });
}

const apps = process.argv.slice(2);
const started = Date.now();
build(apps).then(
  () => console.log(`[build] ${apps.join(', ') || 'concepts, funds, reporting'} built in ${Date.now() - started} ms`),
  (error) => {
    console.error(error.message);
    process.exit(1);
  },
);
