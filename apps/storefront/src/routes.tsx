import type { RouteObject } from 'react-router';
import { Layout } from './components/Layout';
import { RouteError } from './components/RouteError';
import { Loading } from './components/Status';
import { CartPage } from './pages/CartPage';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ProductPage } from './pages/ProductPage';
import { SearchPage } from './pages/SearchPage';

/**
 * Browsing pages ship in the first bundle; checkout and orders (and the schemas
 * they validate with) load on demand.
 */
export const routes: RouteObject[] = [
  {
    element: <Layout />,
    hydrateFallbackElement: <Loading />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'search', element: <SearchPage /> },
      { path: 'products/:slug', element: <ProductPage /> },
      { path: 'cart', element: <CartPage /> },
      { path: 'checkout', lazy: () => import('./pages/CheckoutPage') },
      { path: 'checkout/confirmation/:orderId', lazy: () => import('./pages/ConfirmationPage') },
      { path: 'orders/:orderId', lazy: () => import('./pages/OrderPage') },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
