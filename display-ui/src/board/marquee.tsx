/** The running text at the foot of the board: the supervisor's announcements, on a loop. */
export function Marquee({ items }: { items: readonly string[] }) {
  const line = items.join('   •   ');
  if (!line) return <footer className="marquee" />;
  // Constant reading speed whatever the length: about 7 characters a second.
  const seconds = Math.max(15, Math.round(line.length / 7 + 12));
  return (
    <footer className="marquee" data-testid="marquee">
      <div className="marquee-track" key={line} style={{ animationDuration: `${seconds}s` }}>
        {line}
      </div>
    </footer>
  );
}
