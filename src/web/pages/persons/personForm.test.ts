import { describe, expect, it } from 'vitest';
import { withTcknChecksum } from '../../../common/identity-number.ts';
import {
  bodyMap,
  constraintsBody,
  createBody,
  emptyPersonValues,
  idNumberHint,
  mapPersonPointer,
  stepOfPath,
  STEPS,
  validateStep,
  type PersonFormValues,
} from './personForm.ts';

function values(patch: Partial<PersonFormValues> = {}): PersonFormValues {
  return {
    ...emptyPersonValues('tr'),
    givenName: 'Şükrü',
    familyName: 'Yıldız',
    idKind: '',
    birthDate: '1990-03-15',
    sex: 'male',
    province: 'İstanbul',
    district: 'Fatih',
    noticeGiven: true,
    ...patch,
  };
}

describe('person form', () => {
  it('maps server pointers back to the field and the step that holds it', () => {
    const v = values({
      groups: ['woman-care', 'refugee'],
      workHistory: [
        { occupation: '', employer: '', startDate: '', endDate: '', registered: false },
        { occupation: 'Aşçı', employer: '', startDate: '2020-01-01', endDate: '2019-01-01', registered: true },
      ],
    });
    const map = bodyMap(v);
    expect(map.work).toEqual([1]);
    const cases: [string, string | null, string][] = [
      ['/idNumber', 'idNumber', 'identity'],
      ['/languages/0/code', 'languages', 'identity'],
      ['/district', 'district', 'contact'],
      ['/targetGroups/1/details/registrationProvince', 'registrationProvince', 'groups'],
      ['/targetGroups/0/details/childrenUnder6', 'childrenUnder6', 'groups'],
      ['/targetGroups/1/group', 'groups', 'groups'],
      ['/workHistory/0/endDate', 'workHistory.1.endDate', 'education'],
      ['/constraints/districts/2', 'constraintDistricts', 'constraints'],
      ['/consents/0/partner', 'partner', 'consent'],
      ['/notice/version', 'noticeChannel', 'consent'],
    ];
    for (const [pointer, path, step] of cases) {
      const mapped = mapPersonPointer(pointer, map, false);
      expect(mapped).toBe(path);
      expect(STEPS[stepOfPath(mapped!)]).toBe(step);
    }
    expect(mapPersonPointer('/confirmNotDuplicate', map, false)).toBeNull();
    expect(mapPersonPointer('/officeId', map, false)).toBeNull();
    expect(mapPersonPointer('/officeId', map, true)).toBe('officeId');
  });

  it('builds the create body: group details, no empty work rows, constraints only when given', () => {
    const v = values({
      groups: ['refugee', 'informal-worker'],
      refugeeStatus: 'temporary-protection',
      registrationProvince: 'İzmir',
      informalKind: 'market-vendor',
      consents: ['share-with-partners'],
      partner: ' ILO ',
      workHistory: [{ occupation: ' ', employer: '', startDate: '', endDate: '', registered: false }],
    });
    const { body } = createBody(v, null, true);
    expect(body.targetGroups).toEqual([
      {
        group: 'refugee',
        details: {
          status: 'temporary-protection',
          registrationProvince: 'İzmir',
          registrationDate: null,
        },
      },
      { group: 'informal-worker', details: { kind: 'market-vendor' } },
    ]);
    expect(body.workHistory).toEqual([]);
    expect(body.constraints).toBeNull();
    expect(body.consents).toEqual([
      { purpose: 'share-with-partners', partner: 'ILO', textVersion: expect.any(String), channel: 'in-person' },
    ]);
    expect(body.confirmNotDuplicate).toBe(true);
    expect(body.idKind).toBeNull();
    expect(constraintsBody(values({ shifts: ['night'] })).constraints).toMatchObject({ shifts: ['night'] });
  });

  it('checks each step on the client for the obvious mistakes', () => {
    expect(validateStep('identity', values(), { requireNotice: true })).toEqual({});
    expect(Object.keys(validateStep('identity', values({ givenName: ' ', sex: '' }), { requireNotice: true }))).toEqual(
      ['givenName', 'sex'],
    );
    expect(Object.keys(validateStep('identity', values({ birthDate: '2020-01-01' }), { requireNotice: true }))).toEqual(
      ['birthDate'],
    );
    expect(
      Object.keys(
        validateStep('groups', values({ groups: ['disability'], reportPercentage: 30 }), { requireNotice: true }),
      ),
    ).toEqual(['reportPercentage']);
    expect(
      Object.keys(validateStep('consent', values({ groups: ['roma'], noticeGiven: false }), { requireNotice: true })),
    ).toEqual(['noticeGiven', 'consents']);
  });

  it('stops the identity step on a wrong TCKN/YKN checksum, with one message on the field', () => {
    const invalid = validateStep('identity', values({ idKind: 'tckn', idNumber: '12345678901' }), {
      requireNotice: true,
    });
    expect(invalid).toEqual({ idNumber: expect.any(String) as string });
    expect(
      Object.keys(validateStep('identity', values({ idKind: 'tckn', idNumber: '1234' }), { requireNotice: true })),
    ).toEqual(['idNumber']);
    expect(
      Object.keys(
        validateStep('identity', values({ idKind: 'ykn', idNumber: withTcknChecksum('123456789') }), {
          requireNotice: true,
        }),
      ),
    ).toEqual(['idNumber']);
    expect(
      validateStep('identity', values({ idKind: 'tckn', idNumber: withTcknChecksum('123456789') }), {
        requireNotice: true,
      }),
    ).toEqual({});
    expect(
      validateStep('identity', values({ idKind: 'ykn', idNumber: withTcknChecksum('991234567') }), {
        requireNotice: true,
      }),
    ).toEqual({});
  });

  it('hints at a wrong ID checksum while typing, once the number is long enough', () => {
    expect(idNumberHint('tckn', '1234567')).toBeNull();
    expect(idNumberHint('tckn', '12345678901')).not.toBeNull();
    expect(idNumberHint('tckn', withTcknChecksum('123456789'))).toBeNull();
    expect(idNumberHint('ykn', withTcknChecksum('991234567'))).toBeNull();
    expect(idNumberHint('tckn', withTcknChecksum('991234567'))).not.toBeNull();
  });
});
