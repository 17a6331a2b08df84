// A simple customs-style emblem (gold star in a blue roundel); not the official insignia.
export function Emblem({ size = 40 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true">
      <circle cx="32" cy="32" r="30" fill="#0b4f8a" stroke="#f5c518" strokeWidth="2" />
      <circle cx="32" cy="32" r="23" fill="none" stroke="#f5c518" strokeWidth="1.5" strokeDasharray="3 2" />
      <path d="M32 15l4.7 10.2 11.1 1.2-8.3 7.6 2.3 11L32 39.4l-9.8 5.6 2.3-11-8.3-7.6 11.1-1.2z" fill="#f5c518" />
    </svg>
  );
}
