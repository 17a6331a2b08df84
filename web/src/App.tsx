import { Suspense, lazy, useEffect, type ReactNode } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import viVN from 'antd/locale/vi_VN';
import enUS from 'antd/locale/en_US';
import { I18nProvider, useI18n } from './i18n';
import { AuthProvider, useAuth } from './auth/AuthContext';
import { QueryClientProvider } from '@tanstack/react-query';
import { setAuthHandlers } from './api/client';
import { queryClient } from './hooks/query';
import { MODULES, pageAllowed, moduleEnabled } from './modules';
import { AppLayout } from './layout/AppLayout';
import LoginPage from './pages/LoginPage';
import ChangePasswordPage from './pages/ChangePasswordPage';
import NotFoundPage from './pages/NotFoundPage';
import RegisterPage from './pages/eservices/RegisterPage';
import { PublicVerifyPage } from './pages/eservices/VerifyPage';
import { theme } from './theme';

const GuidePage = lazy(() => import('./pages/GuidePage'));
const SandboxGatewayPage = lazy(() => import('./pages/eservices/SandboxGatewayPage'));
const LetterPrintPage = lazy(() => import('./pages/eservices/LetterPrintPage'));

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Localized>
          <AuthProvider>
            <BrowserRouter>
              <AuthRedirects />
              <AppRoutes />
            </BrowserRouter>
          </AuthProvider>
        </Localized>
      </I18nProvider>
    </QueryClientProvider>
  );
}

function Localized({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'vi' ? viVN : enUS} theme={theme}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** Wires the API client's 401 / PASSWORD_CHANGE_REQUIRED answers to navigation. */
function AuthRedirects() {
  const navigate = useNavigate();
  const location = useLocation();
  const { forget, refresh } = useAuth();
  useEffect(() => {
    setAuthHandlers({
      onUnauthenticated() {
        forget();
        if (location.pathname !== '/login') {
          const next = encodeURIComponent(location.pathname + location.search);
          navigate(`/login?expired=1&next=${next}`, { replace: true });
        }
      },
      onPasswordChangeRequired() {
        void refresh().then(() => navigate('/password', { replace: true }));
      },
    });
    return () => setAuthHandlers(null);
  }, [navigate, location, forget, refresh]);
  return null;
}

export function FullPageSpin() {
  return (
    <div className="hq-fullpage">
      <Spin size="large" />
    </div>
  );
}

function RequireAuth({ children, allowForcedChange }: { children: ReactNode; allowForcedChange?: boolean }) {
  const { me, loading, error, refresh } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  if (loading) return <FullPageSpin />;
  if (error)
    return (
      <Result
        status="500"
        title={t('common.error')}
        subTitle={error.message}
        extra={<Button onClick={() => void refresh()}>{t('common.retry')}</Button>}
      />
    );
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (me.password_change_required && !allowForcedChange) return <Navigate to="/password" replace />;
  return <>{children}</>;
}

function Forbidden() {
  const { t } = useI18n();
  return <Result status="403" title={t('forbidden.title')} subTitle={t('common.notAllowed')} />;
}

function AppRoutes() {
  const { me } = useAuth();
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {/* public pages of the online services (no session needed) */}
      <Route path="/dvc/register" element={<RegisterPage />} />
      <Route path="/dvc/verify" element={<PublicVerifyPage />} />
      <Route path="/dvc/sandbox-gateway" element={<Suspense fallback={<Spin />}><SandboxGatewayPage /></Suspense>} />
      <Route path="/eservices/print/letters/:id/:letterId" element={<RequireAuth><Suspense fallback={<Spin />}><LetterPrintPage /></Suspense></RequireAuth>} />
      <Route
        path="/guide"
        element={
          <Suspense fallback={<Spin />}>
            <GuidePage />
          </Suspense>
        }
      />
      <Route
        path="/password"
        element={
          <RequireAuth allowForcedChange>
            <ChangePasswordPage />
          </RequireAuth>
        }
      />
      <Route
        path="/"
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        {me &&
          MODULES.flatMap((m) =>
            m.pages.map((p) => {
              const allowed = pageAllowed(me, m, p);
              if (!allowed && !moduleEnabled(me, m)) return null;
              const Page = p.component;
              const element = allowed ? (
                <Suspense fallback={<FullPageSpin />}>
                  <Page />
                </Suspense>
              ) : (
                <Forbidden />
              );
              return p.path === '' ? (
                <Route key="index" index element={element} />
              ) : (
                <Route key={p.path} path={p.path} element={element} />
              );
            }),
          )}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
