import { useCallback, useState } from 'react';
import i18next from 'i18next';
import type { Problem } from '../../api/client.ts';
import { toProblem } from '../problems.tsx';

/** "/workHistory/0/endDate" → "workHistory.0.endDate" (the path Mantine form uses for nested fields). */
export function pointerPath(pointer: string): string {
  return pointer
    .split('/')
    .filter(Boolean)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

interface FormLike {
  setErrors: (errors: Record<string, string>) => void;
}

/**
 * Like useFormProblem, for forms with nested fields: `mapPointer` turns each error's JSON pointer into the
 * form path that shows it (or null to keep the message in the alert). Returns the paths that got an error,
 * so that a wizard can jump to the step holding the first one.
 */
export function useNestedFormProblem(form: FormLike, mapPointer: (pointer: string) => string | null) {
  const [problem, setProblem] = useState<Problem | null>(null);
  const handle = useCallback(
    (err: unknown): string[] => {
      const p = toProblem(err);
      const byPath: Record<string, string> = {};
      const others: NonNullable<Problem['errors']> = [];
      for (const e of p.errors ?? []) {
        const path = mapPointer(e.pointer);
        if (path) byPath[path] ??= e.message;
        else others.push(e);
      }
      if (Object.keys(byPath).length > 0) form.setErrors(byPath);
      const detail = Object.values(byPath).includes(p.detail) ? i18next.t('errors.invalid') : p.detail;
      setProblem({ ...p, detail, errors: others });
      return Object.keys(byPath);
    },
    [form, mapPointer],
  );
  const clear = useCallback(() => setProblem(null), []);
  return { problem, handle, clear, setProblem };
}
