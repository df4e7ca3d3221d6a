/** Placeholder until this part of the console is built. */
export function ConsoleApp({ compact }: { compact: boolean }) {
  return <main style={{ padding: 32, fontFamily: 'system-ui' }}>Antre — console</main>;
}
