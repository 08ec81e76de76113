import type { FastifyReply } from 'fastify';
import { csrfCookie, sessionCookie } from './sessions.js';

/** The httpOnly session cookie and the readable CSRF cookie the web app echoes in X-CSRF-Token. */
export function setSessionCookies(reply: FastifyReply, token: string, csrf: string, secure: boolean) {
  reply.setCookie(sessionCookie, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  reply.setCookie(csrfCookie, csrf, { path: '/', httpOnly: false, sameSite: 'strict', secure });
}

export function clearSessionCookies(reply: FastifyReply, secure: boolean) {
  reply.clearCookie(sessionCookie, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  reply.clearCookie(csrfCookie, { path: '/', sameSite: 'strict', secure });
}
