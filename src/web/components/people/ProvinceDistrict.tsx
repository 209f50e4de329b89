import { Select, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDistricts, useProvinces } from './reference.ts';

/** Province → district: the districts load when a province is chosen (GET /geography/districts). */
export function ProvinceDistrict({
  province,
  district,
  onProvince,
  onDistrict,
  provinceError,
  districtError,
  required = true,
}: {
  province: string;
  district: string;
  onProvince: (value: string) => void;
  onDistrict: (value: string) => void;
  provinceError?: React.ReactNode;
  districtError?: React.ReactNode;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const provinces = useProvinces();
  const districts = useDistricts(province);
  const provinceOptions = (provinces.data ?? []).map((p) => p.name);
  const districtOptions = districts.data?.items ?? [];
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <Select
        label={t('persons.fields.province')}
        data={provinceOptions}
        value={province || null}
        onChange={(v) => {
          onProvince(v ?? '');
          onDistrict('');
        }}
        searchable
        required={required}
        error={provinceError}
        nothingFoundMessage={t('common.noOptions')}
        data-testid="province"
      />
      <Select
        label={t('persons.fields.district')}
        data={districtOptions}
        value={district || null}
        onChange={(v) => onDistrict(v ?? '')}
        searchable
        required={required}
        disabled={!province}
        error={districtError}
        nothingFoundMessage={t('common.noOptions')}
        data-testid="district"
      />
    </SimpleGrid>
  );
}
