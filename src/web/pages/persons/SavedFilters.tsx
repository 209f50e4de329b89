import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ActionIcon, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDeviceFloppy, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert, useFormProblem } from '../../components/problems.tsx';
import { notifyProblem, notifySuccess } from '../../components/people/notify.ts';
import { ConfirmDialog } from '../../components/ui.tsx';
import type { PersonQuery, SavedFilter } from '../../components/people/types.ts';
import { callOp, useOpMutation } from '../../api/ops.ts';
import { createSavedFilter, deleteSavedFilter, listSavedFilters } from '../../../common/contracts/people.ts';

const KEY = ['saved-filters', 'persons'] as const;

/** The user's own named filter sets for the person list (GET/POST/DELETE /saved-filters?scope=persons). */
export function SavedFilters({ current, onApply }: { current: PersonQuery; onApply: (query: PersonQuery) => void }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string | null>(null);
  const [naming, setNaming] = useState(false);
  const [deleting, setDeleting] = useState<SavedFilter | null>(null);
  const creating = useOpMutation(createSavedFilter, { invalidates: [KEY] });
  const removal = useOpMutation(deleteSavedFilter, { invalidates: [KEY] });
  const list = useQuery({
    queryKey: KEY,
    queryFn: () => callOp(listSavedFilters, { query: { scope: 'persons' } }),
  });
  const items = list.data?.items ?? [];
  const selected = items.find((f) => f.id === chosen) ?? null;
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '' },
    validate: { name: (v) => (v.trim() ? null : t('errors.validation.required')) },
  });
  const { problem, handle, clear } = useFormProblem(form, ['name']);

  const save = form.onSubmit(async (values) => {
    clear();
    try {
      const created = await creating.mutateAsync({
        body: { scope: 'persons', name: values.name.trim(), query: current },
      });
      setChosen(created.id);
      setNaming(false);
      form.reset();
      notifySuccess(t('persons.saved.savedDone', { name: created.name }));
    } catch (err) {
      handle(err);
    }
  });

  function remove() {
    if (!deleting) return;
    const id = deleting.id;
    removal.mutate(
      { params: { id } },
      {
        onSuccess: () => {
          setChosen((c) => (c === id ? null : c));
          setDeleting(null);
          notifySuccess(t('common.deleted'));
        },
        onError: notifyProblem,
      },
    );
  }

  const hasFilters = Object.keys(current).length > 0;

  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <Select
        label={t('persons.saved.label')}
        data={items.map((f) => ({ value: f.id, label: f.name }))}
        value={chosen}
        onChange={(id) => {
          setChosen(id);
          const found = items.find((f) => f.id === id);
          if (found) onApply(found.query);
        }}
        placeholder={items.length === 0 ? t('persons.saved.none') : t('persons.saved.choose')}
        disabled={items.length === 0}
        clearable
        w={{ base: '100%', sm: 260 }}
        data-testid="saved-filters"
      />
      {selected ? (
        <ActionIcon
          variant="subtle"
          color="red.8"
          size="lg"
          mb={4}
          onClick={() => setDeleting(selected)}
          aria-label={t('persons.saved.delete', { name: selected.name })}
        >
          <IconTrash size={18} aria-hidden />
        </ActionIcon>
      ) : null}
      <Button
        variant="default"
        leftSection={<IconDeviceFloppy size={16} aria-hidden />}
        onClick={() => setNaming(true)}
        disabled={!hasFilters}
      >
        {t('persons.saved.save')}
      </Button>
      <Modal opened={naming} onClose={() => setNaming(false)} title={t('persons.saved.saveTitle')}>
        <form onSubmit={save} noValidate>
          <Stack>
            <ProblemAlert problem={problem} />
            <TextInput
              label={t('persons.saved.name')}
              description={t('persons.saved.nameHint')}
              required
              maxLength={80}
              data-autofocus
              {...form.getInputProps('name')}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setNaming(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={creating.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      <ConfirmDialog
        opened={deleting !== null}
        title={t('persons.saved.deleteTitle')}
        message={t('persons.saved.deleteConfirm', { name: deleting?.name ?? '' })}
        confirmLabel={t('common.delete')}
        danger
        loading={removal.isPending}
        onConfirm={remove}
        onCancel={() => setDeleting(null)}
      />
    </Group>
  );
}
