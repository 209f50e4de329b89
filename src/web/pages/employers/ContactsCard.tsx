import { useState } from 'react';
import { ActionIcon, Button, Card, Group, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { looksLikeEmail } from '../../../common/contact.ts';
import { useOpMutation } from '../../api/ops.ts';
import { addContact, removeContact } from '../../../common/contracts/employers.ts';
import { notifyProblem, notifySuccess, ProblemAlert, useFormProblem } from '../../components/problems.tsx';
import { ConfirmDialog } from '../../components/ui.tsx';
import { bidi } from '../../components/work/labels.ts';
import type { EmployerContact, EmployerDetail } from '../../components/work/types.ts';
import { READABLE_ERRORS } from '../../components/work/problems.tsx';

const FIELDS = ['fullName', 'role', 'phone', 'email'] as const;

function ContactModal({
  employerId,
  onClose,
  onSaved,
}: {
  employerId: string;
  onClose: () => void;
  onSaved: (e: EmployerDetail) => void;
}) {
  const { t } = useTranslation();
  const adding = useOpMutation(addContact);
  const form = useForm({
    mode: 'controlled',
    initialValues: { fullName: '', role: '', phone: '', email: '' },
    validate: {
      fullName: (v) => (v.trim().length >= 2 ? null : t('errors.validation.minLength', { limit: 2 })),
      email: (v) => (!v.trim() || looksLikeEmail(v) ? null : t('errors.validation.format.email')),
    },
  });
  const { problem, handle, clear } = useFormProblem(form, FIELDS);
  const submit = form.onSubmit(async (values) => {
    clear();
    try {
      onSaved(
        await adding.mutateAsync({
          params: { id: employerId },
          body: {
            fullName: values.fullName.trim(),
            role: values.role.trim() || null,
            phone: values.phone.trim() || null,
            email: values.email.trim() || null,
          },
        }),
      );
    } catch (err) {
      handle(err);
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('employers.contacts.add')}>
      <form onSubmit={submit} noValidate style={READABLE_ERRORS}>
        <Stack>
          <ProblemAlert problem={problem} />
          <TextInput
            label={t('employers.contacts.fullName')}
            required
            autoComplete="off"
            dir="auto"
            {...form.getInputProps('fullName')}
          />
          <TextInput
            label={t('employers.contacts.role')}
            autoComplete="off"
            dir="auto"
            {...form.getInputProps('role')}
          />
          <TextInput
            label={t('employers.contacts.phone')}
            type="tel"
            autoComplete="off"
            classNames={{ input: 'ltr' }}
            {...form.getInputProps('phone')}
          />
          <TextInput
            label={t('employers.contacts.email')}
            type="email"
            autoComplete="off"
            classNames={{ input: 'ltr' }}
            {...form.getInputProps('email')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={adding.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** An employer's contact people: add, remove (asks first). Staff and the employer's own users use it. */
export function ContactsCard({
  employer,
  canWrite,
  onChanged,
}: {
  employer: EmployerDetail;
  canWrite: boolean;
  onChanged: (e: EmployerDetail) => void;
}) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<EmployerContact | null>(null);
  const deleting = useOpMutation(removeContact);

  async function remove() {
    if (!removing) return;
    try {
      await deleting.mutateAsync({ params: { id: employer.id, contactId: removing.id } });
      onChanged({ ...employer, contacts: employer.contacts.filter((c) => c.id !== removing.id) });
      notifySuccess(t('common.deleted'));
      setRemoving(null);
    } catch (err) {
      notifyProblem(err);
    }
  }

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="contacts-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="contacts-title">
          {t('employers.contacts.title')}
        </Title>
        {canWrite ? (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setAdding(true)}
          >
            {t('employers.contacts.add')}
          </Button>
        ) : null}
      </Group>
      {employer.contacts.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('employers.contacts.empty')}
        </Text>
      ) : (
        <Stack gap="sm">
          {employer.contacts.map((c) => (
            <Group key={c.id} justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={0} miw={0}>
                <Text size="sm" fw={600}>
                  {c.fullName}
                </Text>
                {c.role ? (
                  <Text size="xs" c="dimmed">
                    {c.role}
                  </Text>
                ) : null}
                {c.phone ? (
                  <Text size="sm" className="ltr">
                    {c.phone}
                  </Text>
                ) : null}
                {c.email ? (
                  <Text size="sm" className="ltr" style={{ overflowWrap: 'anywhere' }}>
                    {c.email}
                  </Text>
                ) : null}
              </Stack>
              {canWrite ? (
                <ActionIcon
                  variant="subtle"
                  color="red.9"
                  aria-label={t('employers.contacts.removeNamed', { name: c.fullName })}
                  onClick={() => setRemoving(c)}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              ) : null}
            </Group>
          ))}
        </Stack>
      )}
      {adding ? (
        <ContactModal
          employerId={employer.id}
          onClose={() => setAdding(false)}
          onSaved={(e) => {
            setAdding(false);
            onChanged(e);
            notifySuccess(t('common.saved'));
          }}
        />
      ) : null}
      <ConfirmDialog
        opened={removing !== null}
        title={t('employers.contacts.remove')}
        message={t('employers.contacts.removeConfirm', { name: bidi(removing?.fullName ?? '') })}
        confirmLabel={t('employers.contacts.remove')}
        danger
        loading={deleting.isPending}
        onConfirm={() => void remove()}
        onCancel={() => setRemoving(null)}
      />
    </Card>
  );
}
