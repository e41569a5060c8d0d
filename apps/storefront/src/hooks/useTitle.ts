import { useEffect } from 'react';

/** Each page names itself in the tab and for screen readers' page announcements. */
export function useTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Portside` : 'Portside';
  }, [title]);
}
