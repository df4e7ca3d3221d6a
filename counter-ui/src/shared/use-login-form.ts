import { useState, type FormEvent } from 'react';
import type { LocalizedText } from '@antre/server/contract';
import { errorText } from './api';

/** The state of a staff log-in form: fields, busy while asking, and the server's refusal. */
export function useLoginForm(login: (username: string, password: string) => Promise<unknown>) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<LocalizedText | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };
  return { username, setUsername, password, setPassword, busy, error, submit };
}
