import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  dpBreaches,
  dpDestructionBatchItems,
  dpDestructionBatches,
  dpDestructionRecords,
  dpRequests,
  offices,
  organisations,
  persons,
  users,
} from '../schema/index.ts';
import { turkishDate } from '../../../common/working-days.ts';
import { DEFAULT_RETENTION } from '../../../common/contracts/dataprotection.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * The data-protection desk's demo (issue 12) for İBB: requests in every state (one past its 30 days), an
 * open breach counting down its 72 hours and a closed one notified in time, and a periodic destruction
 * carried out five months ago on the committee's decision, with the record it left (the person was
 * anonymised then: only the pseudonymous record remains).
 */
export async function seedDemoDataProtection(tx: Db, now: Date = new Date()): Promise<void> {
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const dateAgo = (days: number) => turkishDate(ago(days));
  const plus30 = (days: number) => turkishDate(new Date(now.getTime() - (days - 30) * DAY_MS));
  const [ibb] = await tx.select().from(organisations).where(eq(organisations.shortName, 'İBB'));
  if (!ibb) return;
  const [dpo] = await tx.select().from(users).where(eq(users.email, 'dpo@ibb.example'));
  const [fatih] = await tx
    .select()
    .from(offices)
    .where(and(eq(offices.organisationId, ibb.id), eq(offices.district, 'Fatih')));
  if (!dpo || !fatih) return;
  const person = async (given: string, family: string) =>
    (
      await tx
        .select({ id: persons.id })
        .from(persons)
        .where(and(eq(persons.organisationId, ibb.id), eq(persons.givenName, given), eq(persons.familyName, family)))
    )[0]?.id ?? null;
  const fatma = await person('Fatma', 'Koç');
  const mustafa = await person('Mustafa', 'Aydemir');
  const busra = await person('Büşra', 'Tekin');
  const verified = (days: number, method: 'id-document-at-counter' | 'signed-letter' | 'signed-in-session') => ({
    identityMethod: method,
    identityVerifiedBy: dpo.id,
    identityVerifiedAt: ago(days),
  });

  await tx.insert(dpRequests).values([
    {
      organisationId: ibb.id,
      kind: 'access',
      channel: 'letter',
      status: 'received',
      receivedOn: dateAgo(2),
      dueOn: plus30(2),
      details: 'Hakkımda tutulan tüm kişisel verilerin ve kimlere aktarıldığının bildirilmesini talep ediyorum.',
      createdBy: dpo.id,
      createdAt: ago(2),
    },
    {
      organisationId: ibb.id,
      personId: fatma,
      kind: 'access',
      channel: 'self-service',
      status: 'verified',
      receivedOn: dateAgo(6),
      dueOn: plus30(6),
      details: 'Profilimin hangi işverenlerle paylaşıldığını öğrenmek istiyorum.',
      ...verified(6, 'signed-in-session'),
      createdAt: ago(6),
    },
    {
      organisationId: ibb.id,
      personId: mustafa,
      kind: 'rectification',
      channel: 'counter',
      status: 'verified',
      receivedOn: dateAgo(33),
      dueOn: plus30(33),
      details: 'Eğitim bilgim lise olarak görünüyor; meslek yüksekokulu mezunuyum.',
      ...verified(33, 'id-document-at-counter'),
      createdBy: dpo.id,
      createdAt: ago(33),
    },
    {
      organisationId: ibb.id,
      personId: busra,
      kind: 'objection-automated',
      channel: 'counter',
      status: 'answered',
      receivedOn: dateAgo(40),
      dueOn: plus30(40),
      details: 'Eşleştirme sıralamasının yeniden değerlendirilmesini istiyorum.',
      ...verified(40, 'id-document-at-counter'),
      answer:
        'Eşleştirme yalnızca öneridir; danışmanınız sıralamayı sizinle birlikte gözden geçirdi ve iki ilana yönlendirme yapıldı.',
      answeredBy: dpo.id,
      answeredAt: ago(25),
      createdBy: dpo.id,
      createdAt: ago(40),
    },
    {
      organisationId: ibb.id,
      kind: 'erasure',
      channel: 'letter',
      status: 'refused',
      receivedOn: dateAgo(55),
      dueOn: plus30(55),
      details: 'Tüm kayıtlarımın silinmesini istiyorum.',
      refusalReason:
        'Başvuru sahibinin kimliği doğrulanamadı: imzalı dilekçe dosyadaki imzayla uyuşmuyor ve kimlik belgesi sunulmadı.',
      answeredBy: dpo.id,
      answeredAt: ago(41),
      createdBy: dpo.id,
      createdAt: ago(55),
    },
  ]);

  await tx.insert(dpBreaches).values([
    {
      organisationId: ibb.id,
      title: 'Yanlış alıcıya gönderilen aday listesi',
      description:
        'Esenyurt ofisinden bir işverene gönderilmesi gereken 14 adaylık ön eleme listesi, adı benzeyen başka bir firmanın e-posta adresine gönderildi.',
      occurredAt: new Date(now.getTime() - 26 * HOUR_MS),
      discoveredAt: new Date(now.getTime() - 20 * HOUR_MS),
      notifyBoardBy: new Date(now.getTime() + 52 * HOUR_MS),
      categories: ['identity', 'contact', 'work-history'],
      affectedPersons: 14,
      affectedRecords: 14,
      measures: 'Alıcı firmadan e-postanın silindiğine dair yazılı teyit istendi.',
      createdBy: dpo.id,
      createdAt: new Date(now.getTime() - 19 * HOUR_MS),
    },
    {
      organisationId: ibb.id,
      title: 'Çalınan ofis dizüstü bilgisayarı',
      description: 'Kadıköy ofisinden tam disk şifrelemesi açık bir dizüstü bilgisayar çalındı.',
      occurredAt: ago(120),
      discoveredAt: ago(119),
      notifyBoardBy: new Date(ago(119).getTime() + 72 * HOUR_MS),
      categories: ['identity', 'contact'],
      affectedPersons: 0,
      consequences: 'Disk şifreli olduğundan verilere erişilmesi beklenmiyor.',
      measures: 'Cihazın oturumları kapatıldı, parolalar sıfırlandı.',
      boardNotice: 'Kurula bildirim metni (şifreli cihaz, erişim beklenmiyor).',
      boardNotifiedAt: ago(118),
      closedAt: ago(100),
      createdBy: dpo.id,
      createdAt: ago(119),
    },
  ]);

  // The periodic destruction five months ago: one record past its retention was anonymised.
  const [gone] = await tx
    .insert(persons)
    .values({
      organisationId: ibb.id,
      officeId: fatih.id,
      givenName: '—',
      familyName: '—',
      nameKey: '',
      birthDate: '1975-01-01',
      sex: 'male',
      nationality: 'TR',
      province: 'İstanbul',
      district: 'Fatih',
      createdAt: ago(365 * 13),
      updatedAt: ago(150),
    })
    .returning({ id: persons.id });
  const [batch] = await tx
    .insert(dpDestructionBatches)
    .values({
      organisationId: ibb.id,
      status: 'carried-out',
      asOf: dateAgo(152),
      rules: { ...DEFAULT_RETENTION },
      proposedBy: null,
      proposedAt: ago(152),
      itemCount: 1,
      committeeMembers: ['Av. Selin Yıldız (Hukuk Müşavirliği)', 'Burak Demirel (Bilgi İşlem)', 'Derya Aksoy (Arşiv)'],
      decisionRef: 'İmha Komisyonu 2026/1',
      decidedOn: dateAgo(151),
      decidedBy: dpo.id,
      decidedAt: ago(151),
      runBy: dpo.id,
      runStartedAt: ago(150),
      runCompletedAt: ago(150),
      destroyedCount: 1,
    })
    .returning({ id: dpDestructionBatches.id });
  const [record] = await tx
    .insert(dpDestructionRecords)
    .values({
      organisationId: ibb.id,
      batchId: batch!.id,
      subjectRef: gone!.id,
      method: 'anonymisation',
      summary: { persons: 1, caseNotes: 3, documents: 1, accounts: 0, messages: 2 },
      performedBy: dpo.id,
      performedAt: ago(150),
      keepUntil: turkishDate(new Date(ago(150).getTime() + 3 * 365 * DAY_MS)),
    })
    .returning({ id: dpDestructionRecords.id });
  await tx.insert(dpDestructionBatchItems).values({
    organisationId: ibb.id,
    batchId: batch!.id,
    subjectRef: gone!.id,
    officeId: fatih.id,
    basis: 'case-closed',
    basisDate: turkishDate(ago(365 * 12 + 160)),
    dueOn: turkishDate(ago(160)),
    outcome: 'destroyed',
    destructionRecordId: record!.id,
  });
}
