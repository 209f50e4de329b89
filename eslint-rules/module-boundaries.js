import path from 'node:path';

/**
 * A module (src/server/modules/<name>/) is used from outside only through its index.ts: no file outside
 * the module — another module, the app, the jobs, the CLI — imports its other files (docs/ARCHITECTURE.md).
 */
const MODULES = `${path.sep}src${path.sep}server${path.sep}modules${path.sep}`;

/** The module a file belongs to, and its path inside the module; null outside src/server/modules/<name>/. */
function moduleOf(file) {
  const at = file.lastIndexOf(MODULES);
  if (at < 0) return null;
  const parts = file.slice(at + MODULES.length).split(path.sep);
  if (parts.length < 2) return null;
  return { name: parts[0], inner: parts.slice(1).join('/') };
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Import another module only through its index.ts' },
    messages: {
      internal:
        "'{{source}}' is inside the {{module}} module: import it from that module's index.ts (its public functions).",
    },
    schema: [],
  },
  create(context) {
    const file = path.resolve(context.filename);
    const own = moduleOf(file);
    function check(node, source) {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = moduleOf(path.resolve(path.dirname(file), source));
      if (!target || target.inner === 'index.ts') return;
      if (own && own.name === target.name) return;
      context.report({ node, messageId: 'internal', data: { source, module: target.name } });
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};
