/** Placeholder until this part of the console is built. */
export function AdminApp() {
  return <main style={{ padding: 32, fontFamily: 'system-ui' }}>Antre — admin</main>;
}
