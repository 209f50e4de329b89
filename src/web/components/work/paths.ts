/** Screen addresses: staff screens and the employer portal's own, so that shared screens link to the right one. */
export const paths = {
  employers: '/employers',
  employer: (id: string) => `/employers/${id}`,
  employerEdit: (id: string) => `/employers/${id}/edit`,
  employerNew: '/employers/new',
  vacancies: (portal = false) => (portal ? '/portal/vacancies' : '/vacancies'),
  vacancy: (id: string, portal = false) => `${portal ? '/portal/vacancies' : '/vacancies'}/${id}`,
  vacancyEdit: (id: string, portal = false) => `${portal ? '/portal/vacancies' : '/vacancies'}/${id}/edit`,
  vacancyNew: (portal = false) => (portal ? '/portal/vacancies/new' : '/vacancies/new'),
  referrals: (portal = false) => (portal ? '/portal/referrals' : '/referrals'),
  referral: (id: string, portal = false) => `${portal ? '/portal/referrals' : '/referrals'}/${id}`,
  portal: '/portal',
  portalUsers: '/portal/users',
  decentWork: '/admin/decent-work',
};
