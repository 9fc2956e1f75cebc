import { useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../../lib/http';
import { useAuth } from './AuthContext';

export function LoginPage() {
  const auth = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (auth.status === 'authenticated') return <Navigate to={from} replace />;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      await auth.login(email.trim(), password);
      navigate(from, { replace: true });
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 400)) setError('Email or password is not correct.');
      else if (e instanceof ApiError && e.status === 429) setError('Too many attempts. Wait a moment and try again.');
      else setError('The sign-in service is not reachable. Try again shortly.');
    } finally {
      setPending(false);
    }
  }

  return (
    <main className="login">
      <form className="login__card" onSubmit={onSubmit} aria-labelledby="login-title">
        <div className="brand brand--large" aria-hidden="true">◆ AgentObs</div>
        <h1 id="login-title">Sign in</h1>
        <label htmlFor="login-email">Email</label>
        <input id="login-email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        <label htmlFor="login-password">Password</label>
        <input id="login-password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        {error && <p role="alert" className="form-error">{error}</p>}
        <button type="submit" className="btn btn--primary" disabled={pending}>{pending ? 'Signing in…' : 'Sign in'}</button>
      </form>
    </main>
  );
}
