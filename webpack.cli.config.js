const path = require('node:path');
const webpack = require('webpack');

/**
 * The command line (`kpi-campaign`, src/cli): one CommonJS file for Node ≥ 20 with the domain, the use cases and the
 * file adapter — none of the preview's GPL engine (HyperFormula is only the memory adapter's, never imported here;
 * test/build asserts it). `npm run build:cli` writes dist-cli/kpi-campaign.cjs, which bin/kpi-campaign.cjs runs.
 */
module.exports = (env = {}, argv = {}) => ({
  mode: argv.mode || env.mode || 'production',
  target: 'node20',
  devtool: false,
  entry: { 'kpi-campaign': './src/cli/index.ts' },
  output: {
    path: path.resolve(__dirname, 'dist-cli'),
    filename: '[name].cjs',
    library: { type: 'commonjs2' },
    clean: true,
  },
  resolve: { extensions: ['.ts', '.tsx', '.js', '.json'] },
  module: {
    // parseFiles' `new Worker(new URL(…))` is the browser's path; Node has no Web Worker and parses on its thread.
    parser: { javascript: { worker: false, url: false } },
    rules: [
      {
        test: /\.[jt]sx?$/,
        exclude: /node_modules/,
        use: {
          loader: 'swc-loader',
          options: { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } },
        },
      },
    ],
  },
  // One file: the lazily loaded parts of the pane (the plan reader) are plain code here.
  plugins: [new webpack.optimize.LimitChunkCountPlugin({ maxChunks: 1 })],
  optimization: { minimize: false },
  performance: { hints: false },
});
