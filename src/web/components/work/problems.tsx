import { useCallback, useState, type CSSProperties, type ReactNode } from 'react';
import { Alert, List, Stack, Text } from '@mantine/core';
import { IconAlertCircle, IconScale } from '@tabler/icons-react';
import i18next from 'i18next';
import { fieldOfPointer, type FieldProblem, type Problem } from '../../api/client.ts';
import { toProblem } from '../problems.tsx';

/** The problem code of a decent-work refusal: every failing rule is listed, each with its field. */
export const REFUSED = 'errors.decentWork.refused';

/** "/prescreen/identityChecked" → "prescreen.identityChecked" (a Mantine form path). */
export function pointerPath(pointer: string): string {
  return pointer
    .split('/')
    .filter(Boolean)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

interface FormLike {
  setErrors: (errors: Record<string, ReactNode>) => void;
}

/**
 * Like useFormProblem, for forms the decent-work rules guard: every message goes under the field its
 * pointer names (several rules on one field are all shown), and for a refusal the alert at the top
 * lists every failing rule too, so that the reader sees at once which rules failed and why.
 */
export function useRuleProblem(form?: FormLike, fields?: readonly string[]) {
  const [problem, setProblem] = useState<Problem | null>(null);
  const handle = useCallback(
    (err: unknown) => {
      const p = toProblem(err);
      const refused = p.code === REFUSED;
      const byField = new Map<string, string[]>();
      const rest: FieldProblem[] = [];
      for (const e of p.errors ?? []) {
        const top = fieldOfPointer(e.pointer);
        if (form && top && (!fields || fields.includes(top))) {
          const path = pointerPath(e.pointer);
          byField.set(path, [...(byField.get(path) ?? []), e.message]);
          if (refused) rest.push(e);
        } else rest.push(e);
      }
      if (form && byField.size > 0) {
        const errors: Record<string, ReactNode> = {};
        for (const [path, messages] of byField) {
          errors[path] =
            messages.length === 1 ? (
              messages[0]
            ) : (
              <Stack gap={2} component="span">
                {messages.map((m) => (
                  <span key={m}>{m}</span>
                ))}
              </Stack>
            );
        }
        form.setErrors(errors);
      }
      const all = [...byField.values()].flat();
      const detail = !refused && all.includes(p.detail) ? i18next.t('errors.invalid') : p.detail;
      setProblem({ ...p, detail, errors: rest });
    },
    [form, fields],
  );
  const clear = useCallback(() => setProblem(null), []);
  return { problem, handle, clear };
}

/**
 * The alert above a form: a refusal names the rules with the field each concerns (`labels` maps a
 * form field to its label); any other problem is shown as ProblemAlert shows it.
 */
export function RuleProblemAlert({
  problem,
  labels = {},
  onClose,
}: {
  problem: Problem | null;
  labels?: Record<string, string>;
  onClose?: () => void;
}) {
  if (!problem) return null;
  const refused = problem.code === REFUSED;
  return (
    <Alert
      role="alert"
      color="red"
      variant="light"
      icon={refused ? <IconScale aria-hidden /> : <IconAlertCircle aria-hidden />}
      title={problem.detail}
      withCloseButton={Boolean(onClose)}
      closeButtonLabel={i18next.t('common.close')}
      onClose={onClose}
      data-testid={refused ? 'refusal' : 'problem'}
    >
      {refused ? (
        <Text size="sm" mb="xs">
          {i18next.t('decentWorkUi.refusedLead')}
        </Text>
      ) : null}
      {problem.errors && problem.errors.length > 0 ? (
        <List size="sm" spacing={4}>
          {problem.errors.map((e, i) => {
            const label = labels[fieldOfPointer(e.pointer)];
            return (
              <List.Item key={`${e.pointer}-${e.code}-${i}`} data-testid="refusal-item" data-pointer={e.pointer}>
                {label ? (
                  <Text span fw={700} size="sm">
                    {i18next.t('decentWorkUi.fieldPrefix', { field: label })}{' '}
                  </Text>
                ) : null}
                {e.message}
              </List.Item>
            );
          })}
        </List>
      ) : null}
    </Alert>
  );
}

/**
 * Mantine's error colour (red 6) is too light for text on white (WCAG AA asks 4.5:1): forms here set a
 * darker one for their fields' error messages and invalid values.
 */
export const READABLE_ERRORS = { '--mantine-color-error': 'var(--mantine-color-red-9)' } as CSSProperties;
