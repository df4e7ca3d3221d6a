import { useCallback, useState } from 'react';
import { api, type ApiAnswers } from './api';

const KEY = 'antre.session';

/** A staff session as login answers it. */
export type Session = ApiAnswers['auth.login'];

function load(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

/** The logged-in staff member, kept across reloads until logout or until the server refuses the token. */
export function useSession() {
  const [session, setSession] = useState<Session | null>(load);
  const [expired, setExpired] = useState(false);
  const login = useCallback(async (username: string, password: string) => {
    const s = await api.call('auth.login', { body: { username, password } });
    localStorage.setItem(KEY, JSON.stringify(s));
    setExpired(false);
    setSession(s);
    return s;
  }, []);
  const logout = useCallback(async () => {
    const s = load();
    localStorage.removeItem(KEY);
    setSession(null);
    if (s) await api.call('auth.logout', { token: s.token }).catch(() => undefined);
  }, []);
  /** The server refused the token: forget it without calling the server, and say why on the login screen. */
  const expire = useCallback(() => {
    localStorage.removeItem(KEY);
    setSession(null);
    setExpired(true);
  }, []);
  return { session, login, logout, expire, expired };
}
