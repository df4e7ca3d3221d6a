import { ConsoleApp } from './console/console-app';
import { SupervisorApp } from './supervisor/supervisor-app';
import { AdminApp } from './admin/admin-app';

/** Routes by path: /counter (officer console), /counter/button, /counter/supervisor, /counter/admin. */
export function App() {
  const path = window.location.pathname.replace(/\/+$/, '');
  if (path.startsWith('/counter/supervisor')) return <SupervisorApp />;
  if (path.startsWith('/counter/admin')) return <AdminApp />;
  return <ConsoleApp compact={path.startsWith('/counter/button')} />;
}
