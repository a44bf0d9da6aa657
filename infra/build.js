// @ts-check
/**
 * `npm run build`: bundles the services with webpack.config.js into dist/apps/<app>/main.js; `node infra/build.js
 * funds` builds one. Uses webpack's Node API: webpack-cli's current major needs Node 22 (its `rechoir`).
 */
const webpack = require('webpack');
const configure = require('../webpack.config');

/**
 * @param {string[]} [apps] none: all of them
 * @returns {Promise<string[]>} the apps built; rejects with webpack's report when a bundle or the type check fails
 */
function build(apps = []) {
  return new Promise((resolve, reject) => {
    // Inside the executor: an unknown app, which configure throws for, rejects like a failed build.
    const configs = configure({ app: apps.join(',') || undefined });
    webpack(configs, (error, stats) => {
      if (error || !stats) return reject(error ?? new Error('webpack returned no result'));
      const report = stats.toString({ chunks: false, modules: false, assets: false, colors: process.stderr.isTTY });
      if (stats.hasErrors()) return reject(new Error(report));
      if (stats.hasWarnings()) console.warn(report);
      resolve(configs.map((config) => String(config.name)));
    });
  });
}

const apps = process.argv.slice(2);
const started = Date.now();
build(apps).then(
  (built) => console.log(`[build] ${built.join(', ')} built in ${Date.now() - started} ms`),
  (error) => {
    console.error(error.message);
    process.exit(1);
  },
);
