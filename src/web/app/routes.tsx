import type { ReactNode } from 'react';
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import type { Permission } from '../../common/permissions.ts';
import { hasAny, useMe } from '../api/session.ts';
import { Forbidden, LoadError, PageLoader } from '../components/ui.tsx';
import { toProblem } from '../components/problems.tsx';
import { Shell } from './Shell.tsx';
import { SCREEN_ACCESS } from './access.ts';
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
import { HolidaysPage } from '../pages/admin/HolidaysPage.tsx';
import { MinimumWagesPage } from '../pages/admin/MinimumWagesPage.tsx';

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
  if (me.stage !== stage) return <Navigate to={me.stage === 'mfa' ? '/sign-in/second-factor' : '/sign-in/enrol'} replace />;
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

function Gate({ any, children }: { any: readonly Permission[]; children: ReactNode }) {
  const { data: me } = useMe();
  return hasAny(me, any) ? children : <Forbidden />;
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
      <Route element={<SignedIn />}>
        <Route index element={<HomePage />} />
        <Route path="/account" element={<AccountPage />} />
        <Route path="/admin/users" element={<Gate any={SCREEN_ACCESS.users}><UsersPage /></Gate>} />
        <Route path="/admin/roles" element={<Gate any={SCREEN_ACCESS.roles}><RolesPage /></Gate>} />
        <Route path="/admin/offices" element={<Gate any={SCREEN_ACCESS.offices}><OfficesPage /></Gate>} />
        <Route path="/admin/organisation" element={<Gate any={SCREEN_ACCESS.organisation}><OrganisationPage /></Gate>} />
        <Route path="/admin/audit" element={<Gate any={SCREEN_ACCESS.audit}><AuditPage /></Gate>} />
        <Route path="/admin/outbox" element={<Gate any={SCREEN_ACCESS.outbox}><OutboxPage /></Gate>} />
        <Route path="/admin/holidays" element={<Gate any={SCREEN_ACCESS.reference}><HolidaysPage /></Gate>} />
        <Route path="/admin/minimum-wages" element={<Gate any={SCREEN_ACCESS.reference}><MinimumWagesPage /></Gate>} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
