import { useCallback, useState } from 'react';
import { hubApi, type HubLogin } from './hub-api';

const KEY = 'antre.hub.session';

export type HubSession = HubLogin;

function load(): HubSession | null {
  try {
    const raw = localStorage.getItem(KEY);
    const s = raw ? (JSON.parse(raw) as HubSession) : null;
    return s && typeof s.token === 'string' && s.user ? s : null;
  } catch {
    return null;
  }
}

/** The logged-in hub user, kept across reloads until logout or until the hub refuses the token. */
export function useHubSession() {
  const [session, setSession] = useState<HubSession | null>(load);
  const [expired, setExpired] = useState(false);
  const login = useCallback(async (username: string, password: string) => {
    const s = await hubApi.login(username, password);
    localStorage.setItem(KEY, JSON.stringify(s));
    setExpired(false);
    setSession(s);
    return s;
  }, []);
  const logout = useCallback(() => {
    localStorage.removeItem(KEY);
    setSession(null);
  }, []);
  /** The hub refused the token: forget it, and say why on the login screen. */
  const expire = useCallback(() => {
    localStorage.removeItem(KEY);
    setSession(null);
    setExpired(true);
  }, []);
  return { session, login, logout, expire, expired };
}
