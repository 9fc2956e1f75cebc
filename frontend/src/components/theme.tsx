import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export type ThemeName = 'light' | 'dark';
const KEY = 'agentobs.theme';

interface Palette {
  series: string[];
  grid: string;
  axis: string;
  tooltipBg: string;
  text: string;
}

const PALETTES: Record<ThemeName, Palette> = {
  light: {
    series: ['#4f46e5', '#0891b2', '#d97706', '#db2777', '#059669', '#7c3aed', '#dc2626', '#475569', '#65a30d', '#0284c7'],
    grid: '#e5e7eb',
    axis: '#4b5563',
    tooltipBg: '#ffffff',
    text: '#111827',
  },
  dark: {
    series: ['#818cf8', '#22d3ee', '#fbbf24', '#f472b6', '#34d399', '#a78bfa', '#f87171', '#94a3b8', '#a3e635', '#38bdf8'],
    grid: '#374151',
    axis: '#9ca3af',
    tooltipBg: '#1f2937',
    text: '#f3f4f6',
  },
};

interface ThemeContextValue {
  theme: ThemeName;
  toggle(): void;
  palette: Palette;
}

const ThemeContext = createContext<ThemeContextValue>({ theme: 'light', toggle: () => undefined, palette: PALETTES.light });

function initialTheme(): ThemeName {
  try {
    const stored = localStorage.getItem(KEY);
    if (stored === 'light' || stored === 'dark') return stored;
  } catch {
    // ignore
  }
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Theme preference lives in localStorage (a per-browser preference). */
export function ThemeProvider({ children }: { children: ReactNode }) {
  const [theme, setTheme] = useState<ThemeName>(initialTheme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    try {
      localStorage.setItem(KEY, theme);
    } catch {
      // ignore
    }
  }, [theme]);
  const value = useMemo(() => ({ theme, toggle: () => setTheme((t) => (t === 'light' ? 'dark' : 'light')), palette: PALETTES[theme] }), [theme]);
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

export function useTheme(): ThemeContextValue {
  return useContext(ThemeContext);
}
