// @ts-check
/**
 * Builds the services into CommonJS bundles, dist/apps/<app>/main.js, with node_modules left external
 * (docs/adr/0005-toolchain.md). `npm run build` (infra/build.js) builds them all; `node infra/build.js funds`, or
 * `--env app=funds` to a webpack CLI, builds one; `app=funds,reporting` builds two.
 *
 * This is what `nest build <app>` did with webpack (its defaults in @nestjs/cli 12), written out so the build no
 * longer needs @nestjs/cli, whose dependencies require Node 22 while Fundline supports Node 20.19+. One difference:
 * Nest silenced every webpack warning; there is none today, and a new one should be seen.
 */
const path = require('node:path');
const webpack = require('webpack');
// @ts-expect-error webpack-node-externals publishes no types
const nodeExternals = require('webpack-node-externals');
const { TsconfigPathsPlugin } = require('tsconfig-paths-webpack-plugin');
const ForkTsCheckerWebpackPlugin = require('fork-ts-checker-webpack-plugin');

const APPS = ['concepts', 'funds', 'reporting', 'notifications'];
const TSCONFIG = path.join(__dirname, 'tsconfig.build.json');

/** Optional Nest modules that Nest `require`s only when they are installed; bundling must not fail without them. */
const LAZY_IMPORTS = [
  '@nestjs/microservices',
  '@nestjs/microservices/microservices-module',
  '@nestjs/websockets/socket-module',
  'class-validator',
  'class-transformer',
  'class-transformer/storage',
];

/** @param {string} resource */
function notInstalled(resource) {
  try {
    require.resolve(resource, { paths: [__dirname] });
    return false;
  } catch {
    return true;
  }
}

/**
 * @param {string} app
 * @param {boolean} typeCheck
 * @returns {import('webpack').Configuration}
 */
function configFor(app, typeCheck) {
  return {
    name: app,
    context: __dirname,
    entry: path.join(__dirname, 'apps', app, 'src', 'main.ts'),
    devtool: false,
    target: 'node',
    mode: 'none',
    output: {
      path: path.join(__dirname, 'dist'),
      filename: `apps/${app}/main.js`,
      library: { type: 'commonjs2' },
    },
    externals: [nodeExternals()],
    externalsPresets: { node: true },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          // Types are checked once for the whole program by the ForkTsChecker below, not per file here.
          use: [{ loader: 'ts-loader', options: { transpileOnly: true, configFile: TSCONFIG } }],
          exclude: /node_modules/,
        },
      ],
    },
    resolve: {
      extensions: ['.tsx', '.ts', '.js'],
      plugins: [new TsconfigPathsPlugin({ configFile: TSCONFIG, baseUrl: '.' })],
    },
    optimization: { nodeEnv: false },
    node: { __filename: false, __dirname: false },
    plugins: [
      new webpack.IgnorePlugin({
        checkResource: (resource) => LAZY_IMPORTS.includes(resource) && notInstalled(resource),
      }),
      ...(typeCheck ? [new ForkTsCheckerWebpackPlugin({ typescript: { configFile: TSCONFIG } })] : []),
    ],
  };
}

/** @param {{ app?: string }} [env] */
module.exports = (env = {}) => {
  const apps = env.app ? env.app.split(',') : APPS;
  const unknown = apps.filter((app) => !APPS.includes(app));
  if (unknown.length) throw new Error(`unknown app ${unknown.join(', ')}: expected one of ${APPS.join(', ')}`);
  // tsconfig.build.json is one program covering every app and library: checking it once per build is enough.
  return apps.map((app, index) => configFor(app, index === 0));
};
