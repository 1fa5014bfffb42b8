/** Small line icons for the navigation (decorative: the text label names each tab). */
const paths: Record<string, string> = {
  today: 'M12 5v14M5 12h14',
  history: 'M4 6h16M4 12h16M4 18h10',
  foods: 'M7 3v8a3 3 0 0 0 6 0V3M10 3v18M17 3c-1.7 0-3 2.2-3 5s1.3 4 3 4v9',
  insights: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  predict: 'M3 17l6-6 4 4 8-8M15 7h6v6',
  settings: 'M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zM4 12h2M18 12h2M12 4v2M12 18v2M6.3 6.3l1.4 1.4M16.3 16.3l1.4 1.4M6.3 17.7l1.4-1.4M16.3 7.7l1.4-1.4',
};
export function Icon({ name }: { name: keyof typeof paths }) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={paths[name]} />
    </svg>
  );
}
