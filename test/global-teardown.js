// @ts-check
module.exports = async function globalTeardown() {
  const broker = /** @type {any} */ (globalThis).__FUNDLINE_KAFKA__;
  if (broker) await broker.stop();
};
