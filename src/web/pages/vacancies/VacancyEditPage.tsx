import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { Alert, Anchor, Stack } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { notifySuccess, toProblem } from '../../components/problems.tsx';
import { LoadError, PageHeader, PageLoader } from '../../components/ui.tsx';
import { paths } from '../../components/work/paths.ts';
import { useOp } from '../../api/ops.ts';
import { getVacancy } from '../../../common/contracts/vacancies.ts';
import { getEmployer, getMyEmployer } from '../../../common/contracts/employers.ts';
import { VacancyForm } from '../../components/work/VacancyForm.tsx';

export function usePortalEmployer(enabled = true) {
  return useOp(getMyEmployer, undefined, { enabled, staleTime: 30_000 });
}

export function useVacancy(id: string | undefined) {
  return useOp(getVacancy, { params: { id: id ?? '' } }, { enabled: Boolean(id) });
}

/** New vacancy (/vacancies/new, /portal/vacancies/new) and changing one (…/:id/edit). */
export function VacancyEditPage({ portal = false }: { portal?: boolean }) {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const presetEmployer = (location.state as { employerId?: string } | null)?.employerId ?? null;
  const vacancy = useVacancy(id);
  const ownEmployer = usePortalEmployer(portal);
  const staffEmployer = useOp(
    getEmployer,
    { params: { id: vacancy.data?.employer.id ?? '' } },
    { enabled: !portal && Boolean(vacancy.data) },
  );
  const employer = portal ? ownEmployer.data : staffEmployer.data;
  const hazard = employer ? (employer.hazardClass ?? employer.hazardClassSuggested) : null;

  if (id && vacancy.isPending) return <PageLoader />;
  if (id && vacancy.error)
    return <LoadError problem={toProblem(vacancy.error)} onRetry={() => void vacancy.refetch()} />;
  const current = vacancy.data ?? null;
  const editable =
    !current ||
    current.status === 'draft' ||
    current.status === 'submitted' ||
    (!portal && current.status === 'published');

  return (
    <Stack gap="md">
      <PageHeader
        title={current ? t('vacancies.editTitle') : t('vacancies.createTitle')}
        description={current ? current.title : t('vacancies.createText')}
      />
      {portal && ownEmployer.data && ownEmployer.data.status !== 'verified' ? (
        <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {ownEmployer.data.status === 'suspended' ? t('portal.suspendedText') : t('portal.pendingText')}
        </Alert>
      ) : null}
      {editable ? (
        <VacancyForm
          key={current?.id ?? 'new'}
          vacancy={current}
          chooseEmployer={!portal}
          defaultEmployerId={presetEmployer}
          hazardClass={hazard}
          onSaved={(v, created) => {
            notifySuccess(created ? t('vacancies.createdDraft') : t('common.saved'));
            if (created) void navigate(paths.vacancyEdit(v.id, portal), { replace: true });
          }}
          onSubmitted={(v) => {
            notifySuccess(t('vacancies.submitted'));
            void navigate(paths.vacancy(v.id, portal));
          }}
          onCancel={() => void navigate(current ? paths.vacancy(current.id, portal) : paths.vacancies(portal))}
        />
      ) : (
        <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {t('vacancies.notEditable')}{' '}
          <Anchor component={Link} to={paths.vacancy(current.id, portal)}>
            {t('vacancies.backToVacancy')}
          </Anchor>
        </Alert>
      )}
    </Stack>
  );
}
