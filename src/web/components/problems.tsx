import { useCallback, useState } from 'react';
import { Alert, List } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import i18next from 'i18next';
import { ApiError, fieldErrors, fieldOfPointer, type Problem } from '../api/client.ts';

/** Any failure as a problem: server problems as they are, anything else as an unexpected error. */
export function toProblem(err: unknown): Problem {
  if (err instanceof ApiError) return err.problem;
  return { status: 0, code: 'unknown', detail: i18next.t('common.unexpectedError') };
}

/** Shows a failed action's problem as a notification (for actions without a form). */
export function notifyProblem(err: unknown): void {
  const problem = toProblem(err);
  notifications.show({
    color: 'red',
    title: problem.title ?? i18next.t('common.error'),
    message: problem.detail,
    autoClose: 8000,
    closeButtonProps: { 'aria-label': i18next.t('common.close') },
  });
}

export function notifySuccess(message: string): void {
  // Named close button: Mantine's has no accessible name of its own (axe: button-name, critical).
  notifications.show({ color: 'teal', message, closeButtonProps: { 'aria-label': i18next.t('common.close') } });
}

interface FormLike {
  setErrors: (errors: Record<string, string>) => void;
}

/**
 * Keeps the problem of a form's last submission: `detail` goes to an alert above the form and each
 * `errors[].message` under the field its pointer names. Messages for fields the form does not show
 * stay in the alert.
 */
export function useFormProblem(form?: FormLike, fields?: readonly string[]) {
  const [problem, setProblem] = useState<Problem | null>(null);
  const handle = useCallback(
    (err: unknown) => {
      const p = toProblem(err);
      const byField = fieldErrors(p, fields);
      if (form && Object.keys(byField).length > 0) form.setErrors(byField);
      const others = (p.errors ?? []).filter((e) => {
        const field = fieldOfPointer(e.pointer);
        return !form || !field || (fields !== undefined && !fields.includes(field));
      });
      // A conflict names its field in both places: say it under the field, and keep the alert general.
      const detail = Object.values(byField).includes(p.detail) ? i18next.t('errors.invalid') : p.detail;
      setProblem({ ...p, detail, errors: others });
    },
    [form, fields],
  );
  const clear = useCallback(() => setProblem(null), []);
  return { problem, handle, clear };
}

export function ProblemAlert({ problem, onClose }: { problem: Problem | null; onClose?: () => void }) {
  if (!problem) return null;
  // A field error that only repeats the title is said once.
  const errors = (problem.errors ?? []).filter((e) => e.message !== problem.detail);
  return (
    <Alert
      role="alert"
      color="red"
      variant="light"
      icon={<IconAlertCircle aria-hidden />}
      title={problem.detail}
      withCloseButton={Boolean(onClose)}
      closeButtonLabel={i18next.t('common.close')}
      onClose={onClose}
      data-testid="problem"
    >
      {errors.length > 0 ? (
        <List size="sm">
          {errors.map((e) => (
            <List.Item key={`${e.pointer}-${e.code}`}>{e.message}</List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
}
