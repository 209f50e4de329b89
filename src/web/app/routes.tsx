import { useEffect, type ReactNode } from 'react';
import { matchPath, Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import type { Permission } from '../../common/permissions.ts';
import { hasAny, useMe } from '../api/session.ts';
import { Forbidden, LoadError, PageLoader } from '../components/ui.tsx';
import { toProblem } from '../components/problems.tsx';
import { SCREEN_ACCESS, screenOpen } from './access.ts';
import { lazyPage, PageSlot } from './lazyPage.tsx';

// Every screen is loaded when first shown: the public pages (sign-in, self-registration) never load the
// staff screens' code. `preloadFor` (below) starts the current screen's code with `/me` at start-up.
const Shell = lazyPage(() => import('./Shell.tsx'), 'Shell');
const SignInPage = lazyPage(() => import('../pages/auth/SignInPage.tsx'), 'SignInPage');
const SecondFactorPage = lazyPage(() => import('../pages/auth/SecondFactorPage.tsx'), 'SecondFactorPage');
const EnrolPage = lazyPage(() => import('../pages/auth/EnrolPage.tsx'), 'EnrolPage');
const ForgotPasswordPage = lazyPage(() => import('../pages/auth/ForgotPasswordPage.tsx'), 'ForgotPasswordPage');
const ResetPasswordPage = lazyPage(() => import('../pages/auth/ResetPasswordPage.tsx'), 'ResetPasswordPage');
const AcceptInvitationPage = lazyPage(() => import('../pages/auth/AcceptInvitationPage.tsx'), 'AcceptInvitationPage');
const HomePage = lazyPage(() => import('../pages/home/HomePage.tsx'), 'HomePage');
const NotFoundPage = lazyPage(() => import('../pages/home/NotFoundPage.tsx'), 'NotFoundPage');
const AccountPage = lazyPage(() => import('../pages/account/AccountPage.tsx'), 'AccountPage');
const UsersPage = lazyPage(() => import('../pages/admin/UsersPage.tsx'), 'UsersPage');
const RolesPage = lazyPage(() => import('../pages/admin/RolesPage.tsx'), 'RolesPage');
const OfficesPage = lazyPage(() => import('../pages/admin/OfficesPage.tsx'), 'OfficesPage');
const OrganisationPage = lazyPage(() => import('../pages/admin/OrganisationPage.tsx'), 'OrganisationPage');
const DpRequestsPage = lazyPage(() => import('../pages/dataprotection/RequestsPage.tsx'), 'RequestsPage');
const DpRequestPage = lazyPage(() => import('../pages/dataprotection/RequestPage.tsx'), 'RequestPage');
const DpBreachesPage = lazyPage(() => import('../pages/dataprotection/BreachesPage.tsx'), 'BreachesPage');
const DpAccessReviewPage = lazyPage(() => import('../pages/dataprotection/AccessReviewPage.tsx'), 'AccessReviewPage');
const DpDestructionPage = lazyPage(() => import('../pages/dataprotection/DestructionPage.tsx'), 'DestructionPage');
const DpDestructionBatchPage = lazyPage(
  () => import('../pages/dataprotection/DestructionBatchPage.tsx'),
  'DestructionBatchPage',
);
const DpInventoryPage = lazyPage(() => import('../pages/dataprotection/InventoryPage.tsx'), 'InventoryPage');
const DpCaseOfficePage = lazyPage(() => import('../pages/dataprotection/CaseOfficePage.tsx'), 'CaseOfficePage');
const AuditPage = lazyPage(() => import('../pages/admin/AuditPage.tsx'), 'AuditPage');
const OutboxPage = lazyPage(() => import('../pages/admin/OutboxPage.tsx'), 'OutboxPage');
const BackgroundJobsPage = lazyPage(() => import('../pages/admin/BackgroundJobsPage.tsx'), 'BackgroundJobsPage');
const HolidaysPage = lazyPage(() => import('../pages/admin/HolidaysPage.tsx'), 'HolidaysPage');
const ReferenceChangesPage = lazyPage(() => import('../pages/admin/ReferenceChangesPage.tsx'), 'ReferenceChangesPage');
const TaxonomyPage = lazyPage(() => import('../pages/admin/TaxonomyPage.tsx'), 'TaxonomyPage');
const LinkReviewPage = lazyPage(() => import('../pages/admin/LinkReviewPage.tsx'), 'LinkReviewPage');
const MinimumWagesPage = lazyPage(() => import('../pages/admin/MinimumWagesPage.tsx'), 'MinimumWagesPage');
const EmployersPage = lazyPage(() => import('../pages/employers/EmployersPage.tsx'), 'EmployersPage');
const EmployerEditPage = lazyPage(() => import('../pages/employers/EmployerEditPage.tsx'), 'EmployerEditPage');
const EmployerPage = lazyPage(() => import('../pages/employers/EmployerPage.tsx'), 'EmployerPage');
const VacanciesPage = lazyPage(() => import('../pages/vacancies/VacanciesPage.tsx'), 'VacanciesPage');
const VacancyEditPage = lazyPage(() => import('../pages/vacancies/VacancyEditPage.tsx'), 'VacancyEditPage');
const VacancyPage = lazyPage(() => import('../pages/vacancies/VacancyPage.tsx'), 'VacancyPage');
const DecentWorkLimitsPage = lazyPage(
  () => import('../pages/vacancies/DecentWorkLimitsPage.tsx'),
  'DecentWorkLimitsPage',
);
const IndicatorsPage = lazyPage(() => import('../pages/indicators/IndicatorsPage.tsx'), 'IndicatorsPage');
const ExportsPage = lazyPage(() => import('../pages/indicators/ExportsPage.tsx'), 'ExportsPage');
const LabourMarketPage = lazyPage(() => import('../pages/indicators/LabourMarketPage.tsx'), 'LabourMarketPage');
const ProjectDashboardPage = lazyPage(
  () => import('../pages/indicators/ProjectDashboardPage.tsx'),
  'ProjectDashboardPage',
);
const CaseloadDashboardPage = lazyPage(
  () => import('../pages/indicators/CaseloadDashboardPage.tsx'),
  'CaseloadDashboardPage',
);
const ReferralsPage = lazyPage(() => import('../pages/referrals/ReferralsPage.tsx'), 'ReferralsPage');
const ReferralPage = lazyPage(() => import('../pages/referrals/ReferralPage.tsx'), 'ReferralPage');
const PlacementsPage = lazyPage(() => import('../pages/placements/PlacementsPage.tsx'), 'PlacementsPage');
const GraduationsPage = lazyPage(() => import('../pages/graduation/GraduationsPage.tsx'), 'GraduationsPage');
const GraduationSettingsPage = lazyPage(
  () => import('../pages/graduation/GraduationSettingsPage.tsx'),
  'GraduationSettingsPage',
);
const GraduationReportPage = lazyPage(
  () => import('../pages/graduation/GraduationReportPage.tsx'),
  'GraduationReportPage',
);
const PriorityPolicyPage = lazyPage(() => import('../pages/matching/PriorityPolicyPage.tsx'), 'PriorityPolicyPage');
const FairnessPage = lazyPage(() => import('../pages/matching/FairnessPage.tsx'), 'FairnessPage');
const PortalPlacementsPage = lazyPage(
  () => import('../pages/placements/PortalPlacementsPage.tsx'),
  'PortalPlacementsPage',
);
const PortalHomePage = lazyPage(() => import('../pages/portal/PortalHomePage.tsx'), 'PortalHomePage');
const PortalReferralPage = lazyPage(() => import('../pages/portal/PortalReferralPage.tsx'), 'PortalReferralPage');
const PortalUsersPage = lazyPage(() => import('../pages/portal/PortalUsersPage.tsx'), 'PortalUsersPage');
const PersonsPage = lazyPage(() => import('../pages/persons/PersonsPage.tsx'), 'PersonsPage');
const NewPersonPage = lazyPage(() => import('../pages/persons/NewPersonPage.tsx'), 'NewPersonPage');
const PersonPage = lazyPage(() => import('../pages/persons/PersonPage.tsx'), 'PersonPage');
const MergePage = lazyPage(() => import('../pages/persons/MergePage.tsx'), 'MergePage');
const ImportPage = lazyPage(() => import('../pages/persons/ImportPage.tsx'), 'ImportPage');
const CaseloadPage = lazyPage(() => import('../pages/cases/CaseloadPage.tsx'), 'CaseloadPage');
const AgendaPage = lazyPage(() => import('../pages/cases/AgendaPage.tsx'), 'AgendaPage');
const RegisterPage = lazyPage(() => import('../pages/self-service/RegisterPage.tsx'), 'RegisterPage');
const ProvidersPage = lazyPage(() => import('../pages/childcare/ProvidersPage.tsx'), 'ProvidersPage');
const ProviderPage = lazyPage(() => import('../pages/childcare/ProviderPage.tsx'), 'ProviderPage');
const ProviderFormPage = lazyPage(() => import('../pages/childcare/ProviderFormPage.tsx'), 'ProviderFormPage');
const EditProviderPage = lazyPage(() => import('../pages/childcare/ProviderFormPage.tsx'), 'EditProviderPage');
const SurveysPage = lazyPage(() => import('../pages/surveys/SurveysPage.tsx'), 'SurveysPage');
const SurveyPage = lazyPage(() => import('../pages/surveys/SurveyPage.tsx'), 'SurveyPage');
const SurveyBuilderPage = lazyPage(() => import('../pages/surveys/SurveyBuilderPage.tsx'), 'SurveyBuilderPage');
const SurveyResultsPage = lazyPage(() => import('../pages/surveys/SurveyResultsPage.tsx'), 'SurveyResultsPage');
const EnterResponsePage = lazyPage(() => import('../pages/surveys/EnterResponsePage.tsx'), 'EnterResponsePage');
const PublicSurveyPage = lazyPage(() => import('../pages/surveys/PublicSurveyPage.tsx'), 'PublicSurveyPage');
const ChildcareReportPage = lazyPage(() => import('../pages/childcare/ReportPage.tsx'), 'ReportPage');
const CoursesPage = lazyPage(() => import('../pages/courses/CoursesPage.tsx'), 'CoursesPage');
const NewCoursePage = lazyPage(() => import('../pages/courses/NewCoursePage.tsx'), 'NewCoursePage');
const EditCoursePage = lazyPage(() => import('../pages/courses/NewCoursePage.tsx'), 'EditCoursePage');
const CoursePage = lazyPage(() => import('../pages/courses/CoursePage.tsx'), 'CoursePage');
const AttendancePage = lazyPage(() => import('../pages/courses/AttendancePage.tsx'), 'AttendancePage');
const ProjectsPage = lazyPage(() => import('../pages/programmes/ProjectsPage.tsx'), 'ProjectsPage');
const ProjectFormPage = lazyPage(() => import('../pages/programmes/ProjectFormPage.tsx'), 'ProjectFormPage');
const EditProjectPage = lazyPage(() => import('../pages/programmes/ProjectFormPage.tsx'), 'EditProjectPage');
const ProjectPage = lazyPage(() => import('../pages/programmes/ProjectPage.tsx'), 'ProjectPage');
const DonorReportPage = lazyPage(() => import('../pages/programmes/DonorReportPage.tsx'), 'DonorReportPage');
const PartnersPage = lazyPage(() => import('../pages/programmes/PartnersPage.tsx'), 'PartnersPage');
const InternationalPage = lazyPage(() => import('../pages/international/InternationalPage.tsx'), 'InternationalPage');
const AgreementFormPage = lazyPage(() => import('../pages/international/AgreementFormPage.tsx'), 'AgreementFormPage');
const AgreementPage = lazyPage(() => import('../pages/international/AgreementPage.tsx'), 'AgreementPage');
const IntlEventPage = lazyPage(() => import('../pages/international/EventPage.tsx'), 'EventPage');
const PartnerTimelinePage = lazyPage(
  () => import('../pages/international/PartnerTimelinePage.tsx'),
  'PartnerTimelinePage',
);
const CooperativesPage = lazyPage(() => import('../pages/cooperatives/CooperativesPage.tsx'), 'CooperativesPage');
const CooperativePage = lazyPage(() => import('../pages/cooperatives/CooperativePage.tsx'), 'CooperativePage');
const CooperativeFormPage = lazyPage(
  () => import('../pages/cooperatives/CooperativeFormPage.tsx'),
  'CooperativeFormPage',
);
const EditCooperativePage = lazyPage(
  () => import('../pages/cooperatives/CooperativeFormPage.tsx'),
  'EditCooperativePage',
);
const CooperativeStatisticsPage = lazyPage(
  () => import('../pages/cooperatives/CooperativeStatisticsPage.tsx'),
  'CooperativeStatisticsPage',
);
const CooperativeReviewsPage = lazyPage(
  () => import('../pages/cooperatives/CooperativeReviewsPage.tsx'),
  'CooperativeReviewsPage',
);
const FairsPage = lazyPage(() => import('../pages/fairs/FairsPage.tsx'), 'FairsPage');
const NewFairPage = lazyPage(() => import('../pages/fairs/NewFairPage.tsx'), 'NewFairPage');
const EditFairPage = lazyPage(() => import('../pages/fairs/NewFairPage.tsx'), 'EditFairPage');
const FairPage = lazyPage(() => import('../pages/fairs/FairPage.tsx'), 'FairPage');
const WalkInPage = lazyPage(() => import('../pages/fairs/WalkInPage.tsx'), 'WalkInPage');
const VerifyCertificatePage = lazyPage(
  () => import('../pages/courses/VerifyCertificatePage.tsx'),
  'VerifyCertificatePage',
);

/**
 * The screens whose code start-up fetches beside `/me` when the browser opens them directly: the ones people
 * open most. Any other screen loads its code when it is rendered.
 */
const PRELOAD: [pattern: string, pages: { preload: () => Promise<unknown> }[]][] = [
  ['/', [Shell, HomePage]],
  ['/sign-in', [SignInPage]],
  ['/register', [RegisterPage]],
  ['/persons', [Shell, PersonsPage]],
  ['/persons/new', [Shell, NewPersonPage]],
  ['/persons/:id', [Shell, PersonPage]],
  ['/caseload', [Shell, CaseloadPage]],
  ['/vacancies', [Shell, VacanciesPage]],
  ['/vacancies/:id', [Shell, VacancyPage]],
  ['/referrals', [Shell, ReferralsPage]],
  ['/referrals/:id', [Shell, ReferralPage]],
  ['/employers', [Shell, EmployersPage]],
  ['/employers/:id', [Shell, EmployerPage]],
  ['/portal', [Shell, PortalHomePage]],
];

/** Starts loading the code of the screen at `pathname` (see PRELOAD); failures show when it renders. */
export function preloadFor(pathname: string): void {
  const found = PRELOAD.find(([pattern]) => matchPath(pattern, pathname));
  for (const page of found?.[1] ?? []) page.preload().catch(() => undefined);
}

/** Where a finished sign-in goes: back to the screen that asked for it, else employers to their portal, others home. */
function continueTo(me: ReturnType<typeof useMe>['data'], state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/sign-in'))
    return from;
  return me?.kind === 'employer' && hasAny(me, SCREEN_ACCESS.portal) ? '/portal' : '/';
}

/**
 * Sign-in screens: someone already signed in goes on (continueTo), someone halfway to the next step. These
 * guards are the only place a sign-in navigates; the screens just reload the session.
 */
function SignedOutOnly() {
  const { data: me, isPending, error, refetch } = useMe();
  const state: unknown = useLocation().state;
  const signedOut = !isPending && !error && !me;
  useEffect(() => {
    // While someone types their password, fetch the home screen's code (cached for a year once fetched).
    if (!signedOut) return;
    const timer = window.setTimeout(() => preloadFor('/'), 1000);
    return () => window.clearTimeout(timer);
  }, [signedOut]);
  if (isPending) return <PageLoader />;
  if (error) return <LoadError problem={toProblem(error)} onRetry={() => void refetch()} />;
  if (me?.stage === 'active') return <Navigate to={continueTo(me, state)} replace />;
  if (me?.stage === 'mfa') return <Navigate to="/sign-in/second-factor" replace state={state} />;
  if (me?.stage === 'enrol') return <Navigate to="/sign-in/enrol" replace state={state} />;
  return <Outlet />;
}

/** The second step of a sign-in: only for a session that waits for it. */
function StageOnly({ stage, children }: { stage: 'mfa' | 'enrol'; children: ReactNode }) {
  const { data: me, isPending } = useMe();
  const state: unknown = useLocation().state;
  if (isPending) return <PageLoader />;
  if (!me) return <Navigate to="/sign-in" replace state={state} />;
  if (me.stage === 'active') return <Navigate to={continueTo(me, state)} replace />;
  if (me.stage !== stage)
    return <Navigate to={me.stage === 'mfa' ? '/sign-in/second-factor' : '/sign-in/enrol'} replace state={state} />;
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
  return (
    <PageSlot>
      <Shell />
    </PageSlot>
  );
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
    <PageSlot>
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
        <Route path="/verify" element={<VerifyCertificatePage />} />
        <Route path="/verify/:code" element={<VerifyCertificatePage />} />
        <Route path="/s/:token" element={<PublicSurveyPage />} />
        <Route path="/f/:token" element={<WalkInPage />} />
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
            path="/indicators"
            element={
              <Gate any={SCREEN_ACCESS.indicators}>
                <IndicatorsPage />
              </Gate>
            }
          />
          <Route
            path="/indicators/exports"
            element={
              <Gate any={SCREEN_ACCESS.indicators}>
                <ExportsPage />
              </Gate>
            }
          />
          <Route
            path="/indicators/labour-market"
            element={
              <Gate any={SCREEN_ACCESS.indicators}>
                <LabourMarketPage />
              </Gate>
            }
          />
          <Route
            path="/indicators/projects"
            element={
              <Gate any={SCREEN_ACCESS.indicators}>
                <ProjectDashboardPage />
              </Gate>
            }
          />
          <Route
            path="/indicators/caseload"
            element={
              <Gate any={SCREEN_ACCESS.caseloadDashboard}>
                <CaseloadDashboardPage />
              </Gate>
            }
          />
          <Route
            path="/childcare"
            element={
              <Gate any={SCREEN_ACCESS.childcare}>
                <ProvidersPage />
              </Gate>
            }
          />
          <Route
            path="/childcare/providers/new"
            element={
              <Gate any={SCREEN_ACCESS.childcareManage}>
                <ProviderFormPage />
              </Gate>
            }
          />
          <Route
            path="/childcare/providers/:id/edit"
            element={
              <Gate any={SCREEN_ACCESS.childcareManage}>
                <EditProviderPage />
              </Gate>
            }
          />
          <Route
            path="/childcare/providers/:id"
            element={
              <Gate any={SCREEN_ACCESS.childcare}>
                <ProviderPage />
              </Gate>
            }
          />
          <Route
            path="/surveys"
            element={
              <Gate any={SCREEN_ACCESS.surveys}>
                <SurveysPage />
              </Gate>
            }
          />
          <Route
            path="/surveys/new"
            element={
              <Gate any={SCREEN_ACCESS.surveysManage}>
                <SurveyBuilderPage />
              </Gate>
            }
          />
          <Route
            path="/surveys/:id"
            element={
              <Gate any={SCREEN_ACCESS.surveys}>
                <SurveyPage />
              </Gate>
            }
          />
          <Route
            path="/surveys/:id/edit"
            element={
              <Gate any={SCREEN_ACCESS.surveysManage}>
                <SurveyBuilderPage />
              </Gate>
            }
          />
          <Route
            path="/surveys/:id/results"
            element={
              <Gate any={SCREEN_ACCESS.surveys}>
                <SurveyResultsPage />
              </Gate>
            }
          />
          <Route
            path="/surveys/:id/respond"
            element={
              <Gate any={SCREEN_ACCESS.surveysEnter}>
                <EnterResponsePage />
              </Gate>
            }
          />
          <Route
            path="/childcare/report"
            element={
              <Gate any={SCREEN_ACCESS.childcareReport}>
                <ChildcareReportPage />
              </Gate>
            }
          />
          <Route
            path="/fairs"
            element={
              <Gate any={SCREEN_ACCESS.fairs}>
                <FairsPage />
              </Gate>
            }
          />
          <Route
            path="/fairs/new"
            element={
              <Gate any={SCREEN_ACCESS.fairsManage}>
                <NewFairPage />
              </Gate>
            }
          />
          <Route
            path="/fairs/:id/edit"
            element={
              <Gate any={SCREEN_ACCESS.fairsManage}>
                <EditFairPage />
              </Gate>
            }
          />
          <Route
            path="/fairs/:id"
            element={
              <Gate any={SCREEN_ACCESS.fairs}>
                <FairPage />
              </Gate>
            }
          />
          <Route
            path="/courses"
            element={
              <Gate any={SCREEN_ACCESS.courses}>
                <CoursesPage />
              </Gate>
            }
          />
          <Route
            path="/courses/new"
            element={
              <Gate any={SCREEN_ACCESS.coursesManage}>
                <NewCoursePage />
              </Gate>
            }
          />
          <Route
            path="/courses/:id/edit"
            element={
              <Gate any={SCREEN_ACCESS.coursesManage}>
                <EditCoursePage />
              </Gate>
            }
          />
          <Route
            path="/courses/:id"
            element={
              <Gate any={SCREEN_ACCESS.courses}>
                <CoursePage />
              </Gate>
            }
          />
          <Route
            path="/courses/:id/sessions/:sessionId/attendance"
            element={
              <Gate any={SCREEN_ACCESS.courses}>
                <AttendancePage />
              </Gate>
            }
          />
          <Route
            path="/projects"
            element={
              <Gate any={SCREEN_ACCESS.programmes}>
                <ProjectsPage />
              </Gate>
            }
          />
          <Route
            path="/projects/new"
            element={
              <Gate any={SCREEN_ACCESS.programmesManage}>
                <ProjectFormPage />
              </Gate>
            }
          />
          <Route
            path="/projects/:id/edit"
            element={
              <Gate any={SCREEN_ACCESS.programmesManage}>
                <EditProjectPage />
              </Gate>
            }
          />
          <Route
            path="/projects/:id/report"
            element={
              <Gate any={SCREEN_ACCESS.programmes}>
                <DonorReportPage />
              </Gate>
            }
          />
          <Route
            path="/projects/:id"
            element={
              <Gate any={SCREEN_ACCESS.programmes}>
                <ProjectPage />
              </Gate>
            }
          />
          <Route
            path="/cooperatives"
            element={
              <Gate any={SCREEN_ACCESS.cooperatives}>
                <CooperativesPage />
              </Gate>
            }
          />
          <Route
            path="/cooperatives/new"
            element={
              <Gate any={SCREEN_ACCESS.cooperativesManage}>
                <CooperativeFormPage />
              </Gate>
            }
          />
          <Route
            path="/cooperatives/statistics"
            element={
              <Gate any={SCREEN_ACCESS.cooperativeStatistics}>
                <CooperativeStatisticsPage />
              </Gate>
            }
          />
          <Route
            path="/cooperatives/reviews"
            element={
              <Gate any={SCREEN_ACCESS.cooperatives}>
                <CooperativeReviewsPage />
              </Gate>
            }
          />
          <Route
            path="/cooperatives/:id/edit"
            element={
              <Gate any={SCREEN_ACCESS.cooperativesManage}>
                <EditCooperativePage />
              </Gate>
            }
          />
          <Route
            path="/cooperatives/:id"
            element={
              <Gate any={SCREEN_ACCESS.cooperatives}>
                <CooperativePage />
              </Gate>
            }
          />
          <Route
            path="/partners"
            element={
              <Gate any={SCREEN_ACCESS.programmes}>
                <PartnersPage />
              </Gate>
            }
          />
          <Route
            path="/international"
            element={
              <Gate any={SCREEN_ACCESS.international}>
                <InternationalPage />
              </Gate>
            }
          />
          <Route
            path="/international/agreements/new"
            element={
              <Gate any={SCREEN_ACCESS.internationalManage}>
                <AgreementFormPage />
              </Gate>
            }
          />
          <Route
            path="/international/agreements/:id"
            element={
              <Gate any={SCREEN_ACCESS.international}>
                <AgreementPage />
              </Gate>
            }
          />
          <Route
            path="/international/events/:id"
            element={
              <Gate any={SCREEN_ACCESS.international}>
                <IntlEventPage />
              </Gate>
            }
          />
          <Route
            path="/international/partners/:id"
            element={
              <Gate any={SCREEN_ACCESS.international}>
                <PartnerTimelinePage />
              </Gate>
            }
          />
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
            path="/data-protection"
            element={
              <Gate any={SCREEN_ACCESS.dataProtection}>
                <DpRequestsPage />
              </Gate>
            }
          />
          <Route
            path="/data-protection/requests/:id"
            element={
              <Gate any={SCREEN_ACCESS.dataProtection}>
                <DpRequestPage />
              </Gate>
            }
          />
          <Route
            path="/data-protection/breaches"
            element={
              <Gate any={SCREEN_ACCESS.dataProtection}>
                <DpBreachesPage />
              </Gate>
            }
          />
          <Route
            path="/data-protection/destruction"
            element={
              <Gate any={SCREEN_ACCESS.dataProtection}>
                <DpDestructionPage />
              </Gate>
            }
          />
          <Route
            path="/data-protection/destruction/:id"
            element={
              <Gate any={SCREEN_ACCESS.dataProtection}>
                <DpDestructionBatchPage />
              </Gate>
            }
          />
          <Route
            path="/data-protection/inventory"
            element={
              <Gate any={SCREEN_ACCESS.dataProtection}>
                <DpInventoryPage />
              </Gate>
            }
          />
          <Route
            path="/data-protection/access-review"
            element={
              <Gate any={SCREEN_ACCESS.dataProtection}>
                <DpAccessReviewPage />
              </Gate>
            }
          />
          <Route
            path="/data-protection/case-office"
            element={
              <Gate any={SCREEN_ACCESS.dataProtectionCaseOffice}>
                <DpCaseOfficePage />
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
            path="/admin/occupation-links"
            element={
              <Gate any={SCREEN_ACCESS.linkReview}>
                <LinkReviewPage />
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
            path="/placements"
            element={
              <Gate any={SCREEN_ACCESS.placements}>
                <PlacementsPage />
              </Gate>
            }
          />
          <Route
            path="/graduation"
            element={
              <Gate any={SCREEN_ACCESS.graduation}>
                <GraduationsPage />
              </Gate>
            }
          />
          <Route
            path="/graduation/settings"
            element={
              <Gate any={SCREEN_ACCESS.graduationManage}>
                <GraduationSettingsPage />
              </Gate>
            }
          />
          <Route
            path="/graduation/report"
            element={
              <Gate any={SCREEN_ACCESS.graduationManage}>
                <GraduationReportPage />
              </Gate>
            }
          />
          <Route
            path="/matching/priority-policy"
            element={
              <Gate any={SCREEN_ACCESS.matchingPolicy}>
                <PriorityPolicyPage />
              </Gate>
            }
          />
          <Route
            path="/matching/fairness"
            element={
              <Gate any={SCREEN_ACCESS.matchingFairness}>
                <FairnessPage />
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
            path="/portal/placements"
            element={
              <Gate any={SCREEN_ACCESS.portal}>
                <PortalPlacementsPage />
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
            path="/persons/:id/merge"
            element={
              <Gate any={SCREEN_ACCESS.personsWrite}>
                <MergePage />
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
          <Route
            path="/agenda"
            element={
              <Gate any={SCREEN_ACCESS.agenda}>
                <AgendaPage />
              </Gate>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </PageSlot>
  );
}
