import { lazyPage } from '../../components';

// Signing in: the login page and the invitation a new user follows to set a password.
export const LoginPage = lazyPage(() => import('./LoginPage'), 'LoginPage');
export const InvitePage = lazyPage(() => import('./InvitePage'), 'InvitePage');
