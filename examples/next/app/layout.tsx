import type { ReactNode } from 'react';
import './app.css';

export const metadata = { title: 'passkey-elements with Next.js' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
