import { useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { useCart } from '../cart/CartContext';
import { SearchCombobox } from '../search/SearchCombobox';

function CartLink() {
  const { cart } = useCart();
  const count = cart?.itemCount ?? 0;
  return (
    <NavLink
      to="/cart"
      className="header__cart"
      aria-label={`Cart, ${count} ${count === 1 ? 'item' : 'items'}`}
    >
      Cart <span className="badge">{count}</span>
    </NavLink>
  );
}

/** Moves focus to the page's main heading after navigation so screen readers announce the new page. */
function useFocusOnNavigate() {
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [pathname]);
  return main;
}

export function Layout() {
  const main = useFocusOnNavigate();
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="header">
        <Link to="/" className="header__brand">
          Portside
        </Link>
        <SearchCombobox />
        <CartLink />
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="footer">Portside: a reference shop. Test cards only.</footer>
    </>
  );
}
