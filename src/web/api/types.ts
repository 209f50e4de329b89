/**
 * A page of a list as the API answers it. Every other type the web app uses comes from the operation's
 * contract in src/common/contracts (through `useOp` / `callOp`, or imported by name).
 */
export type { PageOf as Page } from '../../common/contracts/schema.ts';
