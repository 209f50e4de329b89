/** After a step was refused: the focus goes to the first marked field, so that its message is read out. */
export function focusFirstInvalid(): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
