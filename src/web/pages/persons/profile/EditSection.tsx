import { Button, Group, Modal, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../api/session.ts';
import { currentLocale } from '../../../i18n/index.ts';
import { ProblemAlert } from '../../../components/problems.tsx';
import { notifySuccess } from '../../../components/people/notify.ts';
import { useNestedFormProblem } from '../../../components/people/formProblem.ts';
import type { Person } from '../../../components/people/types.ts';
import { ConstraintsFields, ContactFields, EducationFields, GroupsFields, IdentityFields } from '../PersonFields.tsx';
import {
  constraintsBody,
  contactBody,
  educationBody,
  groupsBody,
  identityBody,
  bodyMap,
  mapPersonPointer,
  personToValues,
  validateStep,
  type PersonFormValues,
} from '../personForm.ts';
import { useRefreshPerson } from './queries.ts';
import { useOpMutation } from '../../../api/ops.ts';
import { updatePerson } from '../../../../common/contracts/people.ts';

export type Section = 'identity' | 'contact' | 'groups' | 'education' | 'constraints';

/** Changes one part of the profile (PATCH /persons/:id with that part's fields only). */
export function EditSection({ person, section, onClose }: { person: Person; section: Section; onClose: () => void }) {
  const { t } = useTranslation();
  const narrow = useMediaQuery('(max-width: 48em)');
  const can = useCan();
  const refresh = useRefreshPerson(person.id);
  // Busy until the profile is read again, so the dialog closes on what was saved.
  const updating = useOpMutation(updatePerson, { onSuccess: () => refresh() });
  const form = useForm<PersonFormValues>({
    mode: 'controlled',
    initialValues: personToValues(person, currentLocale()),
  });
  const mapPointer = (pointer: string) => mapPersonPointer(pointer, bodyMap(form.values), false);
  const { problem, handle, clear } = useNestedFormProblem(form, mapPointer);

  function body(v: PersonFormValues): Record<string, unknown> {
    switch (section) {
      case 'identity': {
        const { idKind, idNumber, passportCountry, ...rest } = identityBody(v);
        // The stored number is never sent to the browser: only a newly typed one replaces it.
        return idNumber ? { ...rest, idKind, idNumber, passportCountry } : rest;
      }
      case 'contact':
        return contactBody(v);
      case 'groups':
        return groupsBody(v);
      case 'education':
        return educationBody(v).body;
      case 'constraints':
        return constraintsBody(v);
    }
  }

  const submit = form.onSubmit(async (v) => {
    clear();
    const step = section === 'identity' ? { ...v, idKind: v.idNumber ? v.idKind : ('' as const) } : v;
    const errors = validateStep(section, step, { requireNotice: false });
    if (Object.keys(errors).length > 0) {
      form.setErrors(errors);
      return;
    }
    try {
      await updating.mutateAsync({ params: { id: person.id }, body: body(v) });
      notifySuccess(t('common.saved'));
      onClose();
    } catch (err) {
      handle(err);
    }
  });

  let fields;
  switch (section) {
    case 'identity':
      fields = <IdentityFields form={form} currentMasked={person.idNumberMasked ?? ''} />;
      break;
    case 'contact':
      fields = <ContactFields form={form} />;
      break;
    case 'groups':
      fields = <GroupsFields form={form} canSpecial={can('special-category:read')} />;
      break;
    case 'education':
      fields = <EducationFields form={form} />;
      break;
    case 'constraints':
      fields = <ConstraintsFields form={form} />;
      break;
  }

  return (
    <Modal opened onClose={onClose} title={t(`persons.edit.${section}`)} size="xl" fullScreen={narrow}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ProblemAlert problem={problem} />
          {fields}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={updating.isPending} data-testid="section-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
