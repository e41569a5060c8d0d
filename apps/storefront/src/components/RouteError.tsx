import { Link, useRouteError } from 'react-router';
import { shopperMessage } from '../api/problem';

/** Shown when a page fails to load at all, e.g. a new release replaced the page's script. */
export function RouteError() {
  const error = useRouteError();
  return (
    <main id="main" className="route-error">
      <h1>This page could not be shown</h1>
      <p role="alert">{shopperMessage(error)}</p>
      <p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload the page
        </button>{' '}
        <Link to="/">Go to the home page</Link>
      </p>
    </main>
  );
}
