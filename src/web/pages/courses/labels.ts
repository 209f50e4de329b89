import i18next from 'i18next';

/** A course's (or occupation's) title in the interface language, Turkish when it has none in that language. */
export function localTitle(title: { tr: string; en: string | null; ar: string | null }, language = i18next.language) {
  const lang = language.slice(0, 2);
  return (lang === 'en' ? title.en : lang === 'ar' ? title.ar : null) || title.tr;
}

export const coursePaths = {
  list: '/courses',
  course: (id: string) => `/courses/${id}`,
  attendance: (id: string, sessionId: string) => `/courses/${id}/sessions/${sessionId}/attendance`,
  certificatePdf: (certificateId: string) => `/api/v1/certificates/${certificateId}/pdf`,
};
