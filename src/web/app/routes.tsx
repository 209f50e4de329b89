import type { ReactNode } from 'react';
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import type { Permission } from '../../common/permissions.ts';
import { hasAny, useMe } from '../api/session.ts';
import { Forbidden, LoadError, PageLoader } from '../components/ui.tsx';
import { toProblem } from '../components/problems.tsx';
import { Shell } from './Shell.tsx';
import { SCREEN_ACCESS, screenOpen } from './access.ts';
import { SignInPage } from '../pages/auth/SignInPage.tsx';
import { SecondFactorPage } from '../pages/auth/SecondFactorPage.tsx';
import { EnrolPage } from '../pages/auth/EnrolPage.tsx';
import { ForgotPasswordPage } from '../pages/auth/ForgotPasswordPage.tsx';
import { ResetPasswordPage } from '../pages/auth/ResetPasswordPage.tsx';
import { AcceptInvitationPage } from '../pages/auth/AcceptInvitationPage.tsx';
import { HomePage } from '../pages/home/HomePage.tsx';
import { NotFoundPage } from '../pages/home/NotFoundPage.tsx';
import { AccountPage } from '../pages/account/AccountPage.tsx';
import { UsersPage } from '../pages/admin/UsersPage.tsx';
import { RolesPage } from '../pages/admin/RolesPage.tsx';
import { OfficesPage } from '../pages/admin/OfficesPage.tsx';
import { OrganisationPage } from '../pages/admin/OrganisationPage.tsx';
import { AuditPage } from '../pages/admin/AuditPage.tsx';
import { OutboxPage } from '../pages/admin/OutboxPage.tsx';
import { BackgroundJobsPage } from '../pages/admin/BackgroundJobsPage.tsx';
import { HolidaysPage } from '../pages/admin/HolidaysPage.tsx';
import { ReferenceChangesPage } from '../pages/admin/ReferenceChangesPage.tsx';
import { TaxonomyPage } from '../pages/admin/TaxonomyPage.tsx';
import { MinimumWagesPage } from '../pages/admin/MinimumWagesPage.tsx';
import { EmployersPage } from '../pages/employers/EmployersPage.tsx';
import { EmployerEditPage } from '../pages/employers/EmployerEditPage.tsx';
import { EmployerPage } from '../pages/employers/EmployerPage.tsx';
import { VacanciesPage } from '../pages/vacancies/VacanciesPage.tsx';
import { VacancyEditPage } from '../pages/vacancies/VacancyEditPage.tsx';
import { VacancyPage } from '../pages/vacancies/VacancyPage.tsx';
import { DecentWorkLimitsPage } from '../pages/vacancies/DecentWorkLimitsPage.tsx';
import { ReferralsPage } from '../pages/referrals/ReferralsPage.tsx';
import { ReferralPage } from '../pages/referrals/ReferralPage.tsx';
import { PortalHomePage } from '../pages/portal/PortalHomePage.tsx';
import { PortalReferralPage } from '../pages/portal/PortalReferralPage.tsx';
import { PortalUsersPage } from '../pages/portal/PortalUsersPage.tsx';
import { PersonsPage } from '../pages/persons/PersonsPage.tsx';
import { NewPersonPage } from '../pages/persons/NewPersonPage.tsx';
import { PersonPage } from '../pages/persons/PersonPage.tsx';
import { ImportPage } from '../pages/persons/ImportPage.tsx';
import { CaseloadPage } from '../pages/cases/CaseloadPage.tsx';
import { RegisterPage } from '../pages/self-service/RegisterPage.tsx';

/** Sign-in screens: someone already signed in goes home. */
function SignedOutOnly() {
  const { data: me, isPending, error, refetch } = useMe();
  if (isPending) return <PageLoader />;
  if (error) return <LoadError problem={toProblem(error)} onRetry={() => void refetch()} />;
  if (me?.stage === 'active') return <Navigate to="/" replace />;
  if (me?.stage === 'mfa') return <Navigate to="/sign-in/second-factor" replace />;
  if (me?.stage === 'enrol') return <Navigate to="/sign-in/enrol" replace />;
  return <Outlet />;
}

/** The second step of a sign-in: only for a session that waits for it. */
function StageOnly({ stage, children }: { stage: 'mfa' | 'enrol'; children: ReactNode }) {
  const { data: me, isPending } = useMe();
  if (isPending) return <PageLoader />;
  if (!me) return <Navigate to="/sign-in" replace />;
  if (me.stage === 'active') return <Navigate to="/" replace />;
  if (me.stage !== stage)
    return <Navigate to={me.stage === 'mfa' ? '/sign-in/second-factor' : '/sign-in/enrol'} replace />;
  return children;
}

/** Everything behind sign-in, inside the app shell. */
function SignedIn() {
  const { data: me, isPending, error, refetch } = useMe();
  const location = useLocation();
  if (isPending) return <PageLoader />;
  if (error) return <LoadError problem={toProblem(error)} onRetry={() => void refetch()} />;
  if (!me) return <Navigate to="/sign-in" replace state={{ from: location.pathname }} />;
  if (me.stage === 'mfa') return <Navigate to="/sign-in/second-factor" replace />;
  if (me.stage === 'enrol') return <Navigate to="/sign-in/enrol" replace />;
  return <Shell />;
}

/** Employer users land on their portal; everyone else on the home page. */
function EmployerPortalHome({ children }: { children: ReactNode }) {
  const { data: me } = useMe();
  return me?.kind === 'employer' && hasAny(me, SCREEN_ACCESS.portal) ? <Navigate to="/portal" replace /> : children;
}

function Gate({ any, children }: { any: readonly Permission[]; children: ReactNode }) {
  const { data: me } = useMe();
  return screenOpen(any, (needed) => hasAny(me, needed)) ? children : <Forbidden />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<SignedOutOnly />}>
        <Route path="/sign-in" element={<SignInPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      </Route>
      <Route
        path="/sign-in/second-factor"
        element={
          <StageOnly stage="mfa">
            <SecondFactorPage />
          </StageOnly>
        }
      />
      <Route
        path="/sign-in/enrol"
        element={
          <StageOnly stage="enrol">
            <EnrolPage />
          </StageOnly>
        }
      />
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      <Route path="/accept-invitation" element={<AcceptInvitationPage />} />
      <Route path="/register" element={<RegisterPage />} />
      <Route element={<SignedIn />}>
        <Route
          index
          element={
            <EmployerPortalHome>
              <HomePage />
            </EmployerPortalHome>
          }
        />
        <Route path="/account" element={<AccountPage />} />
        <Route
          path="/admin/users"
          element={
            <Gate any={SCREEN_ACCESS.users}>
              <UsersPage />
            </Gate>
          }
        />
        <Route
          path="/admin/roles"
          element={
            <Gate any={SCREEN_ACCESS.roles}>
              <RolesPage />
            </Gate>
          }
        />
        <Route
          path="/admin/offices"
          element={
            <Gate any={SCREEN_ACCESS.offices}>
              <OfficesPage />
            </Gate>
          }
        />
        <Route
          path="/admin/organisation"
          element={
            <Gate any={SCREEN_ACCESS.organisation}>
              <OrganisationPage />
            </Gate>
          }
        />
        <Route
          path="/admin/audit"
          element={
            <Gate any={SCREEN_ACCESS.audit}>
              <AuditPage />
            </Gate>
          }
        />
        <Route
          path="/admin/outbox"
          element={
            <Gate any={SCREEN_ACCESS.outbox}>
              <OutboxPage />
            </Gate>
          }
        />
        <Route
          path="/admin/background-jobs"
          element={
            <Gate any={SCREEN_ACCESS.backgroundJobs}>
              <BackgroundJobsPage />
            </Gate>
          }
        />
        <Route
          path="/admin/holidays"
          element={
            <Gate any={SCREEN_ACCESS.reference}>
              <HolidaysPage />
            </Gate>
          }
        />
        <Route
          path="/admin/reference-changes"
          element={
            <Gate any={SCREEN_ACCESS.referenceChanges}>
              <ReferenceChangesPage />
            </Gate>
          }
        />
        <Route
          path="/admin/taxonomy"
          element={
            <Gate any={SCREEN_ACCESS.taxonomy}>
              <TaxonomyPage />
            </Gate>
          }
        />
        <Route
          path="/admin/minimum-wages"
          element={
            <Gate any={SCREEN_ACCESS.reference}>
              <MinimumWagesPage />
            </Gate>
          }
        />
        <Route
          path="/employers"
          element={
            <Gate any={SCREEN_ACCESS.employers}>
              <EmployersPage />
            </Gate>
          }
        />
        <Route
          path="/employers/new"
          element={
            <Gate any={SCREEN_ACCESS.employers}>
              <EmployerEditPage />
            </Gate>
          }
        />
        <Route
          path="/employers/:id"
          element={
            <Gate any={SCREEN_ACCESS.employers}>
              <EmployerPage />
            </Gate>
          }
        />
        <Route
          path="/employers/:id/edit"
          element={
            <Gate any={SCREEN_ACCESS.employers}>
              <EmployerEditPage />
            </Gate>
          }
        />
        <Route
          path="/vacancies"
          element={
            <Gate any={SCREEN_ACCESS.vacancies}>
              <VacanciesPage />
            </Gate>
          }
        />
        <Route
          path="/vacancies/new"
          element={
            <Gate any={SCREEN_ACCESS.vacancies}>
              <VacancyEditPage />
            </Gate>
          }
        />
        <Route
          path="/vacancies/:id"
          element={
            <Gate any={SCREEN_ACCESS.vacancies}>
              <VacancyPage />
            </Gate>
          }
        />
        <Route
          path="/vacancies/:id/edit"
          element={
            <Gate any={SCREEN_ACCESS.vacancies}>
              <VacancyEditPage />
            </Gate>
          }
        />
        <Route
          path="/referrals"
          element={
            <Gate any={SCREEN_ACCESS.referrals}>
              <ReferralsPage />
            </Gate>
          }
        />
        <Route
          path="/referrals/:id"
          element={
            <Gate any={SCREEN_ACCESS.referrals}>
              <ReferralPage />
            </Gate>
          }
        />
        <Route
          path="/admin/decent-work"
          element={
            <Gate any={SCREEN_ACCESS.decentWork}>
              <DecentWorkLimitsPage />
            </Gate>
          }
        />
        <Route
          path="/portal"
          element={
            <Gate any={SCREEN_ACCESS.portal}>
              <PortalHomePage />
            </Gate>
          }
        />
        <Route
          path="/portal/vacancies"
          element={
            <Gate any={SCREEN_ACCESS.portal}>
              <VacanciesPage portal />
            </Gate>
          }
        />
        <Route
          path="/portal/vacancies/new"
          element={
            <Gate any={SCREEN_ACCESS.portal}>
              <VacancyEditPage portal />
            </Gate>
          }
        />
        <Route
          path="/portal/vacancies/:id"
          element={
            <Gate any={SCREEN_ACCESS.portal}>
              <VacancyPage portal />
            </Gate>
          }
        />
        <Route
          path="/portal/vacancies/:id/edit"
          element={
            <Gate any={SCREEN_ACCESS.portal}>
              <VacancyEditPage portal />
            </Gate>
          }
        />
        <Route
          path="/portal/referrals"
          element={
            <Gate any={SCREEN_ACCESS.portal}>
              <ReferralsPage portal />
            </Gate>
          }
        />
        <Route
          path="/portal/referrals/:id"
          element={
            <Gate any={SCREEN_ACCESS.portal}>
              <PortalReferralPage />
            </Gate>
          }
        />
        <Route
          path="/portal/users"
          element={
            <Gate any={SCREEN_ACCESS.portal}>
              <PortalUsersPage />
            </Gate>
          }
        />
        <Route
          path="/persons"
          element={
            <Gate any={SCREEN_ACCESS.persons}>
              <PersonsPage />
            </Gate>
          }
        />
        <Route
          path="/persons/new"
          element={
            <Gate any={SCREEN_ACCESS.personsWrite}>
              <NewPersonPage />
            </Gate>
          }
        />
        <Route
          path="/persons/import"
          element={
            <Gate any={SCREEN_ACCESS.personsWrite}>
              <ImportPage />
            </Gate>
          }
        />
        <Route
          path="/persons/:id"
          element={
            <Gate any={SCREEN_ACCESS.persons}>
              <PersonPage />
            </Gate>
          }
        />
        <Route
          path="/caseload"
          element={
            <Gate any={SCREEN_ACCESS.caseload}>
              <CaseloadPage />
            </Gate>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
