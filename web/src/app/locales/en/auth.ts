import type { Catalogue } from '../types';
import type { auth as zh } from '../zh-CN/auth';

export const auth: Catalogue<typeof zh> = {
  login: {
    title: 'Sign in',
    welcome: 'Welcome back',
    account: 'Account',
    accountPlaceholder: 'E-mail or mobile number',
    password: 'Password',
    submit: 'Sign in',
  },
  invite: {
    title: 'Accept invitation',
    welcome: '{{orgName}} invites you to Cadence CRM',
    name: 'Name',
    email: 'E-mail',
    password: 'Choose a password',
    confirm: 'Confirm password',
    mismatch: 'The passwords do not match',
    submit: 'Set password and sign in',
    invalid: 'This invitation link is not valid or has expired',
    invalidHint: 'Ask your administrator to send a new invitation.',
    toLogin: 'Go to sign-in',
  },
  home: {
    greeting: 'Hello, {{name}}',
    org: 'Company',
    department: 'Department',
    jobTitle: 'Title',
    roles: 'Roles',
    email: 'E-mail',
    mobile: 'Mobile',
    timeZone: 'Time zone',
    shortcuts: 'Shortcuts',
  },
};
