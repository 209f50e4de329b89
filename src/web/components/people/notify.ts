import { notifications } from '@mantine/notifications';
import i18next from 'i18next';
import { toProblem } from '../problems.tsx';

/**
 * Like notifySuccess / notifyProblem, with a named close button (Mantine's has no accessible name
 * of its own, which axe reports as a critical "button-name" violation).
 */
const closeButtonProps = () => ({ 'aria-label': i18next.t('common.close') });

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message, closeButtonProps: closeButtonProps() });
}

export function notifyProblem(err: unknown): void {
  const problem = toProblem(err);
  notifications.show({
    color: 'red',
    title: problem.title ?? i18next.t('common.error'),
    message: problem.detail,
    autoClose: 8000,
    closeButtonProps: closeButtonProps(),
  });
}
