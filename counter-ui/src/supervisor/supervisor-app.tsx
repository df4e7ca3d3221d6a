/** Placeholder until this part of the console is built. */
export function SupervisorApp() {
  return <main style={{ padding: 32, fontFamily: 'system-ui' }}>Antre — supervisor</main>;
}
