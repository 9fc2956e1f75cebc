export { AuthProvider, useAuth } from './AuthContext';
export type { AuthContextValue } from './AuthContext';
export { LoginPage } from './LoginPage';
export { RequireAuth } from './RequireAuth';
export { roleAtLeast } from './api';
export type { Role, User, Workspace } from './api';
export { SessionManager } from './sessionManager';
