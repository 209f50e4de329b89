/**
 * The outbox module's public face: what other modules (and the app, the jobs, the CLI) may use.
 * Everything else in this folder is internal; ESLint refuses imports of it from outside (eslint.config.js).
 */
export { outboxRoutes } from './outbox.routes.ts';
export {
  cancelQueued,
  deliverDue,
  deliverMessage,
  enqueue,
  enqueueIf,
  messagesOf,
  purgeMessages,
  type Template,
} from './outbox.service.ts';
export { capturingTransports, transportsFromConfig, type CapturedMessage, type Transports } from './transports.ts';
