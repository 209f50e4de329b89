import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ActionIcon, Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDeviceFloppy, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert, useFormProblem } from '../../components/problems.tsx';
import { notifyProblem, notifySuccess } from '../../components/people/notify.ts';
import { ConfirmDialog } from '../../components/ui.tsx';
import type { PersonQuery, SavedFilter } from '../../components/people/types.ts';
import { callOp } from '../../api/ops.ts';
import { createSavedFilter, deleteSavedFilter, listSavedFilters } from '../../../common/contracts/people.ts';

const KEY = ['saved-filters', 'persons'] as const;

/** The user's own named filter sets for the person list (GET/POST/DELETE /saved-filters?scope=persons). */
export function SavedFilters({ current, onApply }: { current: PersonQuery; onApply: (query: PersonQuery) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [chosen, setChosen] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [deleting, setDeleting] = useState<SavedFilter | null>(null);
  const [busy, setBusy] = useState(false);
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
    setBusy(true);
    clear();
    try {
      const created = await callOp(createSavedFilter, {
        body: { scope: 'persons', name: values.name.trim(), query: current },
      });
      await client.invalidateQueries({ queryKey: KEY });
      setChosen(created.id);
      setSaving(false);
      form.reset();
      notifySuccess(t('persons.saved.savedDone', { name: created.name }));
    } catch (err) {
      handle(err);
    } finally {
      setBusy(false);
    }
  });

  async function remove() {
    if (!deleting) return;
    setBusy(true);
    try {
      await callOp(deleteSavedFilter, { params: { id: deleting.id } });
      await client.invalidateQueries({ queryKey: KEY });
      if (chosen === deleting.id) setChosen(null);
      setDeleting(null);
      notifySuccess(t('common.deleted'));
    } catch (err) {
      notifyProblem(err);
    } finally {
      setBusy(false);
    }
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
        onClick={() => setSaving(true)}
        disabled={!hasFilters}
      >
        {t('persons.saved.save')}
      </Button>
      <Modal
        opened={saving}
        onClose={() => setSaving(false)}
        title={t('persons.saved.saveTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
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
              <Button variant="default" onClick={() => setSaving(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={busy}>
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
        loading={busy}
        onConfirm={() => void remove()}
        onCancel={() => setDeleting(null)}
      />
    </Group>
  );
}
