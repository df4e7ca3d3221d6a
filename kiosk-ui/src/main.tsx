import { createRoot } from 'react-dom/client';
import { ERRORS } from '@antre/server/contract';

function App() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 32 }}>
      <h1>Antre</h1>
      <p>Halaman ini sedang disiapkan. / This page is being prepared.</p>
      <p hidden>{Object.keys(ERRORS).length}</p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
