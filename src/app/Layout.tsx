import { useState } from 'react';
import { Link, Outlet } from 'react-router';
import { OfflineNotice } from './OfflineNotice';
import { Search } from './Search';
import { currentTheme, setTheme, type Theme } from './theme';

export function Layout() {
  const [theme, setThemeState] = useState<Theme>(currentTheme);
  const toggle = () => {
    const next = theme === 'dark' ? 'light' : 'dark';
    setTheme(next);
    setThemeState(next);
  };
  return (
    <div className="app">
      <header className="topbar">
        <Link to="/" className="brand">Trainable</Link>
        <span className="tagline">the deep-learning book whose figures learn</span>
        <OfflineNotice />
        <Search />
        <button className="theme-toggle" onClick={toggle} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}>
          {theme === 'dark' ? 'Light' : 'Dark'}
        </button>
      </header>
      <Outlet />
    </div>
  );
}
